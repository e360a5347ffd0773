import { InsecureUrlError, type ServerRef } from '../errors';
import { redactUrl } from '../redact';

// HTTPS to every Server endpoint, except loopback (sandbox, development): SECURITY.md
// "OAuth as a native client", cds-wg1-01 §3 and cds-wg1-02 §3.1 ("HTTPS GET").

const ipv4Loopback = /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** True for localhost, 127.0.0.0/8 and [::1]: addresses that never leave this computer. */
export const isLoopbackHost = (hostname: string): boolean => {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host === '[::1]' || host === '::1' || ipv4Loopback.test(host);
};

/** True when an `http:` URL may be used: it must point at this computer. */
export const isLoopbackHttpUrl = (url: URL): boolean =>
  url.protocol === 'http:' && isLoopbackHost(url.hostname);

/** Parses `input` and refuses anything but https: or loopback http:. */
export const requireSecureUrl = (
  input: string | URL,
  context: { readonly server: ServerRef | string; readonly step: string },
): URL => {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    throw new InsecureUrlError({ ...context, url: redactUrl(String(input)).slice(0, 200) });
  }
  if (url.protocol === 'https:' || isLoopbackHttpUrl(url)) return url;
  throw new InsecureUrlError({ ...context, url: redactUrl(url) });
};
