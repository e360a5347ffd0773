import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every file under `root` whose bytes contain `secret` as UTF-8, UTF-16LE, base64 or hex. An empty
 * result proves the secret was never written there in any of those forms.
 */
export async function filesContainingSecret(root: string, secret: string): Promise<string[]> {
  const needles = [
    Buffer.from(secret, 'utf8'),
    Buffer.from(secret, 'utf16le'),
    Buffer.from(Buffer.from(secret, 'utf8').toString('base64'), 'utf8'),
    Buffer.from(Buffer.from(secret, 'utf8').toString('hex'), 'utf8'),
  ];
  const hits: string[] = [];
  let names: string[];
  try {
    names = await readdir(root, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  for (const name of names) {
    const full = path.join(root, name);
    let bytes: Buffer;
    try {
      bytes = await readFile(full);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EISDIR') continue;
      throw error;
    }
    if (needles.some((needle) => bytes.includes(needle))) hits.push(full);
  }
  return hits;
}
