import { constants } from 'node:fs';
import { link, open, unlink } from 'node:fs/promises';
import path from 'node:path';

// File names chosen by a Server (Server-Provided File `name`, cds-wg1-02 §9.1; Message attachment
// `filename`, §6.7) are untrusted text: they must never name a path outside the chosen folder, a
// device (Windows CON, NUL, ...), or replace a file the person already has.

/** Bytes of UTF-8 a name may use: below every common file system limit (255), leaving room for " (99)". */
export const MAX_NAME_BYTES = 200;

// Windows reserves these names with any extension (NUL.txt is still NUL).
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
// Characters Windows refuses, and the path separators of every platform.
const FORBIDDEN = /[<>:"/\\|?*]/g;
// C0 and C1 control characters, DEL, and bidirectional overrides that disguise an extension.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Cuts `text` to at most `max` UTF-8 bytes without splitting a character. */
function truncateBytes(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    if (byteLength(out + char) > max) break;
    out += char;
  }
  return out;
}

/**
 * A file name safe to create inside a folder: the last path segment only (both `/` and `\` count,
 * so `../../x` and `C:\x` become `x`), without control or reserved characters, not a device name,
 * not hidden, at most MAX_NAME_BYTES, never empty (`fallback`). The extension survives truncation.
 */
export function safeFileName(name: string, fallback = 'download'): string {
  const segments = name.normalize('NFC').split(/[/\\]/);
  let base = (segments.at(-1) ?? '').replace(CONTROL, '').replace(FORBIDDEN, '_');
  // Leading dots hide a file (or make "." / ".."); trailing dots and spaces are dropped by Windows.
  base = base.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  if (base.length === 0) base = safeFileName(fallback, 'download');
  const stem = base.split('.')[0] ?? '';
  if (RESERVED.test(stem.trim())) base = `_${base}`;
  if (byteLength(base) > MAX_NAME_BYTES) {
    const ext = path.extname(base);
    const keepExt = ext.length > 1 && byteLength(ext) <= 20 ? ext : '';
    base =
      truncateBytes(
        base.slice(0, base.length - keepExt.length),
        MAX_NAME_BYTES - byteLength(keepExt),
      ).replace(/[\s.]+$/, '') + keepExt;
  }
  return base;
}

/** `name`, then `name (1).ext`, `name (2).ext`, ... */
export function numberedName(name: string, n: number): string {
  if (n === 0) return name;
  const ext = path.extname(name);
  const stem = ext.length > 0 && ext.length < name.length ? name.slice(0, -ext.length) : name;
  const suffix = ext.length < name.length ? ext : '';
  return `${stem} (${n})${suffix}`;
}

const MAX_ATTEMPTS = 1000;

/**
 * Writes `data` to a new file in `folder` named after `name` (made safe), adding " (1)", " (2)"...
 * when a file of that name exists: the exclusive create (`wx`) means an existing file is never
 * overwritten, even by a file appearing at the same moment. Returns the path written.
 */
export async function writeNewFile(folder: string, name: string, data: Uint8Array): Promise<string> {
  const safe = safeFileName(name);
  for (let n = 0; n < MAX_ATTEMPTS; n += 1) {
    const target = path.join(folder, numberedName(safe, n));
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    try {
      await handle.writeFile(data);
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlink(target).catch(() => undefined);
      throw error;
    }
    await handle.close();
    return target;
  }
  throw new Error(`more than ${MAX_ATTEMPTS} files named like ${safe} exist in the folder`);
}

/**
 * Gives the complete temporary file `tempPath` its final name in `folder` without replacing
 * anything: a hard link fails when the name exists (then " (1)" is tried), and the temporary name
 * is removed afterwards. Returns the final path.
 */
export async function publishFile(tempPath: string, folder: string, name: string): Promise<string> {
  const safe = safeFileName(name);
  for (let n = 0; n < MAX_ATTEMPTS; n += 1) {
    const target = path.join(folder, numberedName(safe, n));
    try {
      await link(tempPath, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    await unlink(tempPath).catch(() => undefined);
    return target;
  }
  throw new Error(`more than ${MAX_ATTEMPTS} files named like ${safe} exist in the folder`);
}
