import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import {
  DEFAULT_SCRYPT_PARAMS,
  MAX_LOG2_N,
  MAX_P,
  MAX_R,
  MIN_LOG2_N,
  prefetchedNewVaultSalt,
  scryptMaterial,
  takePrefetchedMaterial,
} from './file-vault-prefetch';
import { VaultError } from './vault';

/**
 * The passphrase-encrypted vault file: scrypt turns the passphrase into a key, AES-256-GCM seals the
 * secrets (SECURITY.md "the passphrase-encrypted file vault (scrypt + AES-256-GCM)"). Everything the
 * decryption needs except the passphrase is recorded in the file, and the header is bound to the
 * ciphertext as GCM additional data so it cannot be swapped.
 */
export const FILE_VAULT_FORMAT = 'cds-companion-file-vault';

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's scrypt recommendation (N=2^17, r=8, p=1): 128 MiB and a fraction of a second per open. */
export { DEFAULT_SCRYPT_PARAMS };

// Bounds on what a file may ask for (file-vault-prefetch.ts): below them the file is not ours, above
// them opening it would let a crafted file exhaust memory.

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const kdfSchema = z.object({
  name: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .refine(
      (n) => n >= 2 ** MIN_LOG2_N && n <= 2 ** MAX_LOG2_N && (n & (n - 1)) === 0,
      'N must be a power of two',
    ),
  r: z.number().int().min(1).max(MAX_R),
  p: z.number().int().min(1).max(MAX_P),
  salt: base64,
});

export const fileVaultEnvelopeSchema = z.object({
  format: z.literal(FILE_VAULT_FORMAT),
  version: z.literal(1),
  kdf: kdfSchema,
  cipher: z.object({ name: z.literal('aes-256-gcm'), iv: base64, tag: base64 }),
  /** HMAC of a constant under a second derived key: tells a wrong passphrase from a damaged file. */
  check: base64,
  ciphertext: base64,
});

export type FileVaultEnvelope = z.infer<typeof fileVaultEnvelopeSchema>;
type KdfHeader = z.infer<typeof kdfSchema>;

// Pairs rather than an object: keys such as `__proto__` must round-trip as plain data.
const secretsSchema = z.object({ entries: z.array(z.tuple([z.string(), z.string()])) });

export interface VaultKey {
  readonly kdf: KdfHeader;
  readonly encryptionKey: Buffer;
  readonly check: Buffer;
}

const CHECK_LABEL = 'cds-companion file vault passphrase check v1';

export function assertScryptParams(params: ScryptParams): void {
  const parsed = kdfSchema.safeParse({ name: 'scrypt', ...params, salt: '' });
  if (!parsed.success) {
    throw new VaultError(
      'misconfigured',
      `Unsupported scrypt parameters N=${params.N} r=${params.r} p=${params.p}.`,
    );
  }
}

/** Derives the encryption key and the passphrase check for `kdf` (salt and parameters). */
export async function deriveVaultKey(passphrase: string, kdf: KdfHeader): Promise<VaultKey> {
  // The CLI may have started this very derivation while it was loading (file-vault-prefetch.ts).
  const material = await (takePrefetchedMaterial(passphrase, kdf) ?? scryptMaterial(passphrase, kdf));
  const encryptionKey = material.subarray(0, 32);
  const check = createHmac('sha256', material.subarray(32, 64)).update(CHECK_LABEL).digest();
  material.subarray(32, 64).fill(0);
  return { kdf, encryptionKey, check };
}

export async function createVaultKey(passphrase: string, params: ScryptParams): Promise<VaultKey> {
  assertScryptParams(params);
  const kdf: KdfHeader = {
    name: 'scrypt',
    N: params.N,
    r: params.r,
    p: params.p,
    // The CLI may already be deriving the key of this new vault, for a fresh salt of its own.
    salt: prefetchedNewVaultSalt(passphrase, params) ?? randomBytes(16).toString('base64'),
  };
  return deriveVaultKey(passphrase, kdf);
}

function additionalData(kdf: KdfHeader): Buffer {
  return Buffer.from(JSON.stringify({ format: FILE_VAULT_FORMAT, version: 1, kdf }), 'utf8');
}

/** Encrypts the whole secret map under `key`, with a fresh random IV every time. */
export function sealVault(entries: ReadonlyMap<string, string>, key: VaultKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.encryptionKey, iv);
  cipher.setAAD(additionalData(key.kdf));
  const plaintext = Buffer.from(JSON.stringify({ entries: [...entries] }), 'utf8');
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  plaintext.fill(0);
  const envelope: FileVaultEnvelope = {
    format: FILE_VAULT_FORMAT,
    version: 1,
    kdf: key.kdf,
    cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
    check: key.check.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** Parses the file's text; VaultError('corrupt') when it is not a vault file this version reads. */
export function parseVaultFile(text: string, file: string): FileVaultEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new VaultError('corrupt', `The vault file ${file} is not valid JSON; it was left untouched.`);
  }
  const parsed = fileVaultEnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    throw new VaultError(
      'corrupt',
      `The vault file ${file} is not a CDS Companion vault this version can read; it was left untouched.`,
    );
  }
  return parsed.data;
}

/**
 * Decrypts the secret map. A wrong passphrase (the check does not match) gives
 * VaultError('wrong_passphrase'); a right passphrase whose ciphertext fails authentication means the
 * file was damaged or tampered with: VaultError('corrupt').
 */
export function openSealedVault(
  envelope: FileVaultEnvelope,
  key: VaultKey,
  file: string,
): Map<string, string> {
  const check = Buffer.from(envelope.check, 'base64');
  if (check.length !== key.check.length || !timingSafeEqual(check, key.check)) {
    throw new VaultError('wrong_passphrase', `The passphrase does not open the vault file ${file}.`);
  }
  const iv = Buffer.from(envelope.cipher.iv, 'base64');
  const tag = Buffer.from(envelope.cipher.tag, 'base64');
  if (iv.length !== 12 || tag.length !== 16) {
    throw new VaultError(
      'corrupt',
      `The vault file ${file} is damaged (bad IV or tag length); it was left untouched.`,
    );
  }
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.encryptionKey, iv, { authTagLength: 16 });
    decipher.setAAD(additionalData(envelope.kdf));
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([
      decipher.update(Buffer.from(envelope.ciphertext, 'base64')),
      decipher.final(),
    ]);
  } catch {
    throw new VaultError(
      'corrupt',
      `The vault file ${file} failed authentication: it was modified or damaged. It was left untouched.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(plaintext.toString('utf8'));
  } catch {
    json = null;
  } finally {
    plaintext.fill(0);
  }
  const parsed = secretsSchema.safeParse(json);
  if (!parsed.success) {
    throw new VaultError(
      'corrupt',
      `The vault file ${file} decrypted to an unexpected shape; it was left untouched.`,
    );
  }
  return new Map(parsed.data.entries);
}

/** True when `key` was derived for the salt and parameters recorded in `envelope`. */
export function keyMatches(key: VaultKey, envelope: FileVaultEnvelope): boolean {
  const a = key.kdf;
  const b = envelope.kdf;
  return a.salt === b.salt && a.N === b.N && a.r === b.r && a.p === b.p;
}
