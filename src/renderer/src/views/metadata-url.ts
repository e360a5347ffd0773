/**
 * Reads what a person typed into "Server address" as a CDS metadata URL.
 *
 * cds-wg1-01 §3: Servers offer their metadata at HTTPS URLs; §3.1: a Server publishing publicly does
 * so at `/.well-known/cds-server-metadata.json` on its hostname. So a bare host or origin is completed
 * to that well-known path, and a full URL is taken as given (a utility may hand out a different one).
 * Plain http is accepted only for loopback (the sandbox and local development; SECURITY.md "HTTPS to
 * every Server endpoint except loopback"). The engine validates again: this is for early, kind feedback.
 */
export const wellKnownMetadataPath = '/.well-known/cds-server-metadata.json';

export type MetadataUrlCheck =
  | { readonly ok: true; readonly url: string; readonly completed: boolean }
  | { readonly ok: false; readonly reason: string };

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function isLoopbackHost(hostname: string): boolean {
  return loopbackHosts.has(hostname.toLowerCase()) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

export function checkMetadataUrl(input: string): MetadataUrlCheck {
  const trimmed = input.trim();
  if (trimmed.length === 0) return { ok: false, reason: "Enter the Server's address." };
  if (/\s/.test(trimmed)) return { ok: false, reason: 'An address cannot contain spaces.' };

  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^[^/:]+:\d+(?:\/|$)/.test(trimmed);
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `https://${trimmed}`);
  } catch {
    return {
      ok: false,
      reason: 'This does not look like a web address, for example https://utility.example.',
    };
  }

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: 'Use an https:// address.' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, reason: 'Use https://. Plain http is only allowed for a Server on this computer.' };
  }
  if (url.username || url.password) {
    return {
      ok: false,
      reason: 'Leave out user names and passwords: the address must not contain credentials.',
    };
  }
  if (!url.hostname.includes('.') && !isLoopbackHost(url.hostname)) {
    return { ok: false, reason: 'Enter the full host name, for example utility.example.' };
  }
  url.hash = '';

  const isBareOrigin = (url.pathname === '/' || url.pathname === '') && url.search === '';
  if (isBareOrigin) {
    url.pathname = wellKnownMetadataPath;
    return { ok: true, url: url.toString(), completed: true };
  }
  return { ok: true, url: url.toString(), completed: false };
}
