import { randomBytes, scrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Starts the file vault's scrypt early, on libuv's thread pool, so a short-lived process (the CLI)
 * pays for it while the main thread is still loading modules instead of after
 * (docs/decisions/0001-file-vault-kdf.md). Deliberately free of zod and of the vault modules: it must
 * load in a few milliseconds, before anything heavy.
 *
 * Nothing here is trusted: the salt and parameters read from the file are checked against the same
 * bounds as the vault's schema before any work starts, and the derived material is only handed to
 * `deriveVaultKey` (file-vault-crypto.ts) when the validated envelope names the very same salt and
 * parameters and the passphrase is the same string. It is handed over once and then forgotten.
 */

// Bounds on what a file may ask for (shared with file-vault-crypto.ts): below them the file is not
// ours, above them opening it would let a crafted file exhaust memory.
export const MIN_LOG2_N = 14;
export const MAX_LOG2_N = 20;
export const MAX_R = 32;
export const MAX_P = 16;

/** OWASP's scrypt recommendation (N=2^17, r=8, p=1), for new vault files (file-vault-crypto.ts). */
export const DEFAULT_SCRYPT_PARAMS: { readonly N: number; readonly r: number; readonly p: number } = {
  N: 2 ** 17,
  r: 8,
  p: 1,
};

/** The file vault's name in the data directory (re-exported by file-vault.ts). */
export const FILE_VAULT_NAME = 'secrets.vault.json';

export interface ScryptInput {
  readonly salt: string;
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** Bytes of scrypt output: 32 for the AES key, 32 for the passphrase check key. */
export const VAULT_KEY_MATERIAL_BYTES = 64;

export function scryptParamsInBounds(params: { N: number; r: number; p: number }): boolean {
  const { N, r, p } = params;
  return (
    Number.isInteger(N) &&
    N >= 2 ** MIN_LOG2_N &&
    N <= 2 ** MAX_LOG2_N &&
    (N & (N - 1)) === 0 &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= MAX_R &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= MAX_P
  );
}

/** scrypt on the thread pool with room for its 128·N·r bytes (Node's default maxmem is 32 MiB). */
export function scryptMaterial(passphrase: string, input: ScryptInput): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const maxmem = 256 * input.N * input.r + 1024 * 1024;
    scrypt(
      passphrase,
      Buffer.from(input.salt, 'base64'),
      VAULT_KEY_MATERIAL_BYTES,
      { N: input.N, r: input.r, p: input.p, maxmem },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

interface Prefetched extends ScryptInput {
  readonly passphrase: string;
  readonly material: Promise<Buffer>;
  /** No vault file existed: the salt is a fresh random one, for the vault about to be created. */
  readonly fresh: boolean;
}

let prefetched: Prefetched | null = null;

function start(passphrase: string, input: ScryptInput, fresh: boolean): void {
  const material = scryptMaterial(passphrase, input);
  // Unclaimed (the vault never opened), a failure must not become an unhandled rejection.
  material.catch(() => undefined);
  prefetched = { ...input, passphrase, material, fresh };
}

/**
 * Reads the vault file's KDF header (if there is a readable one within bounds) and starts deriving
 * its key; with no vault file yet, starts deriving the key of the one about to be created (a fresh
 * random salt, the default parameters). Never throws: whatever goes wrong here, the vault's own open
 * reports properly.
 */
export function prefetchFileVaultKey(dataDir: string, passphrase: string): void {
  if (passphrase.length === 0) return;
  let text: string;
  try {
    text = readFileSync(path.join(path.resolve(dataDir), FILE_VAULT_NAME), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      start(passphrase, { salt: randomBytes(16).toString('base64'), ...DEFAULT_SCRYPT_PARAMS }, true);
    }
    return;
  }
  try {
    const kdf = (JSON.parse(text) as { kdf?: Record<string, unknown> }).kdf;
    if (kdf?.name !== 'scrypt' || typeof kdf.salt !== 'string') return;
    const input = { salt: kdf.salt, N: Number(kdf.N), r: Number(kdf.r), p: Number(kdf.p) };
    if (!scryptParamsInBounds(input) || !/^[A-Za-z0-9+/]*={0,2}$/.test(input.salt)) return;
    start(passphrase, input, false);
  } catch {
    // Not JSON: nothing to prefetch.
  }
}

/**
 * The fresh salt prefetched for a new vault with exactly this passphrase and these parameters, or
 * null. `deriveVaultKey` then takes the material for it (once); the salt is never used twice.
 */
export function prefetchedNewVaultSalt(
  passphrase: string,
  params: { readonly N: number; readonly r: number; readonly p: number },
): string | null {
  const candidate = prefetched;
  if (
    candidate === null ||
    !candidate.fresh ||
    candidate.passphrase !== passphrase ||
    candidate.N !== params.N ||
    candidate.r !== params.r ||
    candidate.p !== params.p
  ) {
    return null;
  }
  return candidate.salt;
}

/**
 * The prefetched material for exactly this passphrase, salt and parameters, or null. Handed over
 * once: the next call returns null.
 */
export function takePrefetchedMaterial(passphrase: string, input: ScryptInput): Promise<Buffer> | null {
  const candidate = prefetched;
  prefetched = null;
  if (
    candidate === null ||
    candidate.passphrase !== passphrase ||
    candidate.salt !== input.salt ||
    candidate.N !== input.N ||
    candidate.r !== input.r ||
    candidate.p !== input.p
  ) {
    return null;
  }
  return candidate.material;
}
