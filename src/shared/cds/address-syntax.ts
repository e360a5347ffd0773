// Address syntax a registration form checks (cds-wg1-02 §3.7 `email` and `url` formats): one
// implementation for the service's registration.validate and the renderer's as-you-type checks.

// Email: the practical subset of RFC 5321/5322 addresses (no quoted local parts, no IP literals).
const emailPattern =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isValidEmail(value: string): boolean {
  if (value.length > 254 || !emailPattern.test(value)) return false;
  const [local = '', domain = ''] = value.split('@');
  return (
    local.length <= 64 &&
    !local.startsWith('.') &&
    !local.endsWith('.') &&
    !local.includes('..') &&
    !/^\d+$/.test(domain.split('.').at(-1) ?? '')
  );
}

/** An absolute http(s) URL with a host (RFC 3986 §1.1.3 as cds-wg1-02 §2 uses it). */
export function isValidWebUrl(value: string): boolean {
  if (value !== value.trim() || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
