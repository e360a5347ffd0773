import type { AuthorizationServerMetadata } from '../../../shared/cds/index';
import { DiscoveryError, type ServerRef } from '../errors';
import { requireSecureUrl } from '../http/url-policy';

// Issuer sanity (RFC 8414 §2, §3.3; SECURITY.md "`iss` ... metadata `issuer` consistent"): the
// issuer is an https (or loopback) URL without query or fragment; when the metadata came from an
// RFC 8414 well-known address, the issuer is exactly the one that address was built from; every
// endpoint the app will send a secret or a token to is itself https (or loopback).

const wellKnownPrefixes = ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'];

const stripSlash = (text: string): string => text.replace(/\/+$/, '');

/** The issuer an RFC 8414 §3.1 well-known URL was derived from, or null for any other URL. */
export const issuerFromWellKnownUrl = (metadataUrl: URL): string | null => {
  for (const prefix of wellKnownPrefixes) {
    if (metadataUrl.pathname === prefix || metadataUrl.pathname.startsWith(`${prefix}/`)) {
      return `${metadataUrl.origin}${metadataUrl.pathname.slice(prefix.length)}`;
    }
  }
  return null;
};

const endpointFields = [
  'token_endpoint',
  'registration_endpoint',
  'revocation_endpoint',
  'introspection_endpoint',
  'authorization_endpoint',
  'pushed_authorization_request_endpoint',
  'cds_clients_api',
  'cds_messages_api',
  'cds_credentials_api',
  'cds_grants_api',
  'cds_server_provided_files_api',
] as const;

/**
 * Checks the issuer and endpoints; throws a DiscoveryError or InsecureUrlError. Returns warnings
 * for oddities that are allowed but worth showing (an issuer on another host than the metadata).
 */
export const checkAuthorizationServer = (
  metadata: AuthorizationServerMetadata,
  metadataUrl: URL,
  server: ServerRef,
): string[] => {
  const step = 'checking the authorization server metadata';
  const warnings: string[] = [];
  let issuer: URL;
  try {
    issuer = new URL(metadata.issuer);
  } catch {
    throw new DiscoveryError('the authorization server’s "issuer" is not a web address', { server, step });
  }
  requireSecureUrl(issuer, { server, step });
  if (issuer.search || issuer.hash || metadata.issuer.includes('#')) {
    throw new DiscoveryError(
      'the authorization server’s "issuer" must not contain "?" or "#" (RFC 8414 §2)',
      {
        server,
        step,
      },
    );
  }
  const expected = issuerFromWellKnownUrl(metadataUrl);
  if (expected !== null && stripSlash(expected) !== stripSlash(metadata.issuer)) {
    throw new DiscoveryError(
      `the authorization server metadata names the issuer ${metadata.issuer}, but it was read from ${metadataUrl.origin}; it may belong to another server (RFC 8414 §3.3)`,
      { server, step },
    );
  }
  if (expected === null && issuer.host !== metadataUrl.host) {
    warnings.push(
      `The authorization server (${issuer.host}) is on a different host than its metadata (${metadataUrl.host}).`,
    );
  }
  for (const field of endpointFields) {
    const value = (metadata as Record<string, unknown>)[field];
    if (typeof value === 'string') {
      requireSecureUrl(value, { server, step: `${step} (${field})` });
    }
  }
  return warnings;
};
