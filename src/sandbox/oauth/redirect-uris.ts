/**
 * Whether a requested redirect_uri matches a registered one. Exact string match, except that a
 * registered loopback http URI (127.0.0.1 or [::1]) matches on any port (RFC 8252 §7.3).
 */
export function redirectUriMatches(requested: string, registered: string[]): boolean {
  if (registered.includes(requested)) return true;
  let r: URL;
  try {
    r = new URL(requested);
  } catch {
    return false;
  }
  if (r.protocol !== 'http:' || (r.hostname !== '127.0.0.1' && r.hostname !== '[::1]')) return false;
  return registered.some((uri) => {
    try {
      const g = new URL(uri);
      return (
        g.protocol === 'http:' &&
        g.hostname === r.hostname &&
        g.pathname === r.pathname &&
        g.search === r.search &&
        r.hash === ''
      );
    } catch {
      return false;
    }
  });
}
