/**
 * One measurement of bench/decrypt-bench.ts, in its own process so its peak RSS is its own.
 * Usage: node decrypt-child.mjs <mode> <setup.json> (built by decrypt-bench.ts with vite), or from source:
 * node --import tsx bench/decrypt-child.ts <mode> <setup.json>
 * Prints one JSON line: { ms, plaintextBytes, sha256, idleRssBytes, loadedRssBytes, peakRssBytes }.
 */
import { createDecipheriv, createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { P256PrivateJwk } from '../src/main/cds/jose/jwk-schemas';
import { decryptCdsResponse } from '../src/main/cds/jose/response-decryption';
import { peakRssBytes as currentPeakRss } from './peak-rss';

export type DecryptBenchMode = 'engine-stream' | 'raw-stream' | 'engine-memory' | 'raw-memory';

export interface DecryptBenchSetup {
  readonly bodyFile: string;
  readonly headers: Record<string, string>;
  readonly privateJwk: P256PrivateJwk;
  /** The body's content-encryption key, for the raw node:crypto baseline only. */
  readonly cekHex: string;
  readonly ivB64u: string;
  readonly aad: string;
}

export interface DecryptBenchSample {
  readonly ms: number;
  readonly plaintextBytes: number;
  readonly sha256: string;
  /** RSS before the body is touched (node, its loader and the modules). */
  readonly idleRssBytes: number;
  /** RSS once the body is in memory (in-memory modes); equals idle for streamed modes. */
  readonly loadedRssBytes: number;
  /** Peak RSS of this process image at the end of decryption (peak-rss.ts). */
  readonly peakRssBytes: number;
}

const STREAM_CHUNK = 64 * 1024; // what an HTTP body typically arrives in

function readTag(file: string, size: number): Buffer {
  const tag = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, tag, 0, 16, size - 16);
  } finally {
    closeSync(fd);
  }
  return tag;
}

async function decrypt(
  mode: DecryptBenchMode,
  setup: DecryptBenchSetup,
): Promise<{ ms: number; plaintext: Buffer; loadedRssBytes: number }> {
  const size = statSync(setup.bodyFile).size;
  const rawDecipher = () => {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      Buffer.from(setup.cekHex, 'hex'),
      Buffer.from(setup.ivB64u, 'base64url'),
      {
        authTagLength: 16,
      },
    );
    decipher.setAAD(Buffer.from(setup.aad, 'ascii'));
    return decipher;
  };

  if (mode === 'engine-memory' || mode === 'raw-memory') {
    const body = readFileSync(setup.bodyFile);
    const loadedRssBytes = process.memoryUsage.rss();
    const start = performance.now();
    let plaintext: Buffer;
    if (mode === 'engine-memory') {
      const result = await decryptCdsResponse({ headers: setup.headers, body, privateJwk: setup.privateJwk });
      plaintext = Buffer.from(result.body.buffer, result.body.byteOffset, result.body.byteLength);
    } else {
      const decipher = rawDecipher();
      decipher.setAuthTag(body.subarray(size - 16));
      plaintext = decipher.update(body.subarray(0, size - 16));
      decipher.final();
    }
    return { ms: performance.now() - start, plaintext, loadedRssBytes };
  }

  const loadedRssBytes = process.memoryUsage.rss();
  const start = performance.now();
  if (mode === 'engine-stream') {
    const result = await decryptCdsResponse({
      headers: { ...setup.headers, 'content-length': String(size) },
      body: createReadStream(setup.bodyFile, { highWaterMark: STREAM_CHUNK }),
      privateJwk: setup.privateJwk,
    });
    return {
      ms: performance.now() - start,
      plaintext: Buffer.from(result.body.buffer, result.body.byteOffset, result.body.byteLength),
      loadedRssBytes,
    };
  }
  // The plain way to do it with node:crypto: decrypt chunk by chunk, collect, join, verify.
  const decipher = rawDecipher();
  decipher.setAuthTag(readTag(setup.bodyFile, size));
  const pieces: Buffer[] = [];
  for await (const chunk of createReadStream(setup.bodyFile, {
    highWaterMark: STREAM_CHUNK,
    end: size - 17,
  })) {
    pieces.push(decipher.update(chunk as Buffer));
  }
  decipher.final();
  const plaintext = Buffer.concat(pieces);
  return { ms: performance.now() - start, plaintext, loadedRssBytes };
}

async function main(): Promise<void> {
  const [mode, setupFile] = process.argv.slice(2);
  const modes: readonly string[] = ['engine-stream', 'raw-stream', 'engine-memory', 'raw-memory'];
  if (!mode || !modes.includes(mode) || !setupFile) {
    throw new Error(
      'usage: decrypt-child.ts <engine-stream|raw-stream|engine-memory|raw-memory> <setup.json>',
    );
  }
  const setup = JSON.parse(readFileSync(setupFile, 'utf8')) as DecryptBenchSetup;
  const idleRssBytes = process.memoryUsage.rss();
  const { ms, plaintext, loadedRssBytes } = await decrypt(mode as DecryptBenchMode, setup);
  // Read before hashing so the hash cannot add to it (peak-rss.ts: VmHWM, not the forked maxRSS).
  const peakRssBytes = currentPeakRss();
  const sha256 = createHash('sha256').update(plaintext).digest('hex');
  const sample: DecryptBenchSample = {
    ms,
    plaintextBytes: plaintext.length,
    sha256,
    idleRssBytes,
    loadedRssBytes,
    peakRssBytes,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

await main();
