import { JweError } from './jwe-errors';

// A header block is a handful of lines; a decrypted block far larger than HTTP header limits is not one.
const MAX_HEADER_BLOCK_BYTES = 64 * 1024;
const FIELD_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/; // RFC 9110 §5.1 token

/**
 * Parses the decrypted header block: "Name: value" lines separated by "\n" (the overview's example
 * decrypts to `Content-Type: application/json\nX-Log-ID: 123456abcdef`). CRLF is tolerated, blank
 * lines are skipped, a repeated name is joined with ", " as HTTP does (RFC 9110 §5.3). Names keep
 * the Server's spelling.
 */
export function parseHeaderBlock(block: string): Record<string, string> {
  if (Buffer.byteLength(block) > MAX_HEADER_BLOCK_BYTES) {
    throw new JweError('invalid_header', 'The decrypted response headers are too large to be headers.');
  }
  const headers: Record<string, string> = {};
  const seen = new Map<string, string>();
  for (const rawLine of block.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') {
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!FIELD_NAME.test(name)) {
      throw new JweError('invalid_header', 'The decrypted response headers are not in "Name: value" form.');
    }
    const value = line.slice(colon + 1).trim();
    const existing = seen.get(name.toLowerCase());
    if (existing !== undefined) {
      headers[existing] = `${headers[existing]}, ${value}`;
    } else {
      seen.set(name.toLowerCase(), name);
      headers[name] = value;
    }
  }
  return headers;
}
