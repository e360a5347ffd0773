// Secrets never reach a log line, an error message or an IPC result (SECURITY.md "Secrets").
// Two layers: the exact values a caller knows are secret (client secret, tokens in scope), and
// patterns that look like credentials whatever their value (Bearer headers, token fields, secret
// query parameters), so that text quoted from a Server's response is safe too.

export const REDACTED = '[redacted]';

// Query parameter and JSON field names whose values are credentials (RFC 6749 §4-§6, RFC 7636 §4,
// RFC 7009 §2.1, RFC 7662 §2.1). Compared case-insensitively.
const secretNames = [
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'client_secret',
  'code',
  'code_verifier',
  'password',
  'passphrase',
  'secret',
  'assertion',
  'client_assertion',
  'registration_access_token',
  'api_key',
  'apikey',
  'key',
  'sig',
  'signature',
  'x-amz-signature',
  'private_key',
  'd',
];

const secretNameSet = new Set(secretNames);

// A secret shorter than this is not replaced inside free text: replacing "a" everywhere would
// destroy the message without protecting anything (such a value is not a real credential).
const minimumSecretLength = 4;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const jsonFieldPattern = new RegExp(
  `("(?:${secretNames.map(escapeRegExp).join('|')})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`,
  'gi',
);
const formFieldPattern = new RegExp(
  `(^|[?&\\s;,])((?:${secretNames
    .filter((n) => n.length > 1)
    .map(escapeRegExp)
    .join('|')})=)[^&\\s;,"']+`,
  'gi',
);
const authorizationPattern = /\b(Bearer|Basic|DPoP)\s+[A-Za-z0-9\-._~+/]+=*/g;

/** True when a query parameter or field with this name carries a credential. */
export const isSecretName = (name: string): boolean => secretNameSet.has(name.toLowerCase());

/** Replaces credential-shaped substrings (Authorization values, token fields, secret parameters). */
export const redactKnownPatterns = (text: string): string =>
  text
    .replace(authorizationPattern, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(jsonFieldPattern, (_match, prefix: string) => `${prefix}"${REDACTED}"`)
    .replace(formFieldPattern, (_match, lead: string, name: string) => `${lead}${name}${REDACTED}`);

const encodings = (secret: string): string[] => {
  const forms = new Set<string>([secret]);
  forms.add(encodeURIComponent(secret));
  forms.add(new URLSearchParams({ v: secret }).toString().slice(2));
  forms.add(JSON.stringify(secret).slice(1, -1));
  forms.add(Buffer.from(secret, 'utf8').toString('base64'));
  return [...forms].filter((form) => form.length >= minimumSecretLength);
};

/**
 * Removes every occurrence of the given secret values (raw, URL-encoded, JSON-escaped and Base64
 * forms) and every credential-shaped pattern from `text`.
 */
export const redactSecrets = (text: string, secrets: Iterable<string | undefined | null> = []): string => {
  let result = text;
  const forms = [...secrets]
    .filter((secret): secret is string => typeof secret === 'string' && secret.length >= minimumSecretLength)
    .flatMap(encodings)
    // Longest first, so a secret that contains another is removed whole.
    .sort((a, b) => b.length - a.length);
  for (const form of forms) {
    result = result.split(form).join(REDACTED);
  }
  return redactKnownPatterns(result);
};

/**
 * A URL safe to show in an activity timeline or an error: credentials in the user-info part and
 * the values of secret-looking query parameters are replaced. Unparseable input is reduced to
 * pattern redaction.
 */
export const redactUrl = (url: string | URL): string => {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return redactKnownPatterns(String(url));
  }
  if (parsed.username) parsed.username = REDACTED;
  if (parsed.password) parsed.password = REDACTED;
  const names = [...new Set(parsed.searchParams.keys())];
  for (const name of names) {
    if (isSecretName(name)) {
      const count = parsed.searchParams.getAll(name).length;
      parsed.searchParams.delete(name);
      for (let i = 0; i < count; i += 1) parsed.searchParams.append(name, REDACTED);
    }
  }
  // Fragments of an authorization response can carry tokens (implicit flow): never show them.
  if (parsed.hash) parsed.hash = '';
  return parsed.toString();
};
