import { ApiError } from './errors';
import type { Json } from './state';

export const invalidMetadata = (description: string): ApiError =>
  new ApiError(400, 'invalid_client_metadata', description);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function decodeBase64(value: string): Buffer | null {
  const compact = value.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact)) return null;
  return Buffer.from(compact, 'base64');
}

const isPng = (b: Buffer): boolean =>
  b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
const isJpeg = (b: Buffer): boolean => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
const isPdf = (b: Buffer): boolean => b.subarray(0, 5).toString('latin1') === '%PDF-';

/** Validates one submitted registration field value by its format (cds-wg1-02 §3.5, §3.7). */
export function checkRegistrationValue(field: Json, value: unknown): void {
  const name = String(field.field_name);
  const format = String(field.format);
  const fail = (why: string): never => {
    throw invalidMetadata(`The registration field ${name} ${why}.`);
  };
  if (value === null) {
    if (format.endsWith('_or_null')) return;
    fail('must not be null');
  }
  const base = format.replace(/_or_null$/, '');
  const maxLength = typeof field.max_length === 'number' ? field.max_length : null;
  const maxSize = typeof field.max_size === 'number' ? field.max_size : null;
  switch (base) {
    case 'string':
    case 'email':
    case 'url': {
      if (typeof value !== 'string') fail('must be a string');
      const s = value as string;
      if (maxLength !== null && s.length > maxLength) fail(`must be at most ${maxLength} characters`);
      if (base === 'string' && s.trim().length === 0) fail('must not be empty');
      if (base === 'email' && !EMAIL.test(s)) fail('must be an email address');
      if (base === 'url' && !isHttpUrl(s)) fail('must be an http(s) URL');
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail('must be true or false');
      return;
    case 'image':
    case 'pdf': {
      if (typeof value !== 'string') fail('must be a Base64 string');
      const bytes = decodeBase64(value as string) ?? fail('is not valid Base64');
      if (maxSize !== null && bytes.length > maxSize)
        fail(`must be at most ${maxSize} bytes before Base64 encoding`);
      if (base === 'image' && !isPng(bytes) && !isJpeg(bytes)) fail('must be a PNG or JPEG image');
      if (base === 'pdf' && !isPdf(bytes)) fail('must be a PDF document');
      return;
    }
    default:
      return;
  }
}
