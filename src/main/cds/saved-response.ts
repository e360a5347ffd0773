import { JweError } from './jose/jwe-errors';
import { p256PrivateJwkSchema } from './jose/jwk-schemas';
import { decryptCdsResponse } from './jose/response-decryption';

// Decrypting a response saved earlier (`curl -D headers.txt -o body.bin ...`, as in the cds-wg1-02
// overview's last example): the header file as curl writes it, the raw body, and a private JWK. No
// Server, no vault, no data directory. Every failure is a JweError; nothing partial comes back.

/**
 * The headers of a `curl -D` file: "Name: value" lines; status lines ("HTTP/1.1 200 OK") start a
 * new block (curl writes one per interim response or redirect) and the last block wins; CRLF or LF.
 */
export function parseSavedHeaders(text: string): Record<string, string[]> {
  let headers: Record<string, string[]> = {};
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (/^HTTP\/\S+\s+\d{3}/i.test(line)) {
      headers = {};
      continue;
    }
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0)
      throw new JweError('invalid_header', 'The headers file has a line that is not "Name: value".');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = [...(headers[name] ?? []), value];
  }
  return headers;
}

/** A private JWK from a key file (JSON); the error never echoes the file. */
export function parsePrivateJwkFile(text: string) {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new JweError('invalid_key', 'The key file is not a JSON Web Key.');
  }
  const parsed = p256PrivateJwkSchema.safeParse(value);
  if (!parsed.success)
    throw new JweError('invalid_key', 'The key file is not a P-256 private key (EC JWK with "d").');
  return parsed.data;
}

export interface DecryptedSavedResponse {
  readonly headerBlock: string;
  readonly body: Uint8Array;
}

export async function decryptSavedResponse(input: {
  readonly headersText: string;
  readonly body: Uint8Array;
  readonly keyText: string;
  readonly maxBodyBytes?: number;
}): Promise<DecryptedSavedResponse> {
  const privateJwk = parsePrivateJwkFile(input.keyText);
  const headers = parseSavedHeaders(input.headersText);
  // The saved file's Content-Length (if any) describes what curl received: the body as saved.
  const decrypted = await decryptCdsResponse({
    headers,
    body: input.body,
    privateJwk,
    ...(input.maxBodyBytes === undefined ? {} : { maxBodyBytes: input.maxBodyBytes }),
  });
  return { headerBlock: decrypted.headerBlock, body: decrypted.body };
}
