import { describe, expect, it } from 'vitest';
import {
  accountsApiUrl,
  CdsValidationError,
  clientListingSchema,
  customerDataApiUrl,
  isKnown,
  messageTypeSchema,
  parseCds,
  publicAuthorizationServerMetadataSchema,
  registrationResponseSchema,
  SCOPE_TYPES,
  safeParseCds,
  scopeKind,
  scopesOfKind,
} from '../../../src/shared/cds';
import { fixtureFiles, loadFixture, readManifest, schemaNamed } from './spec-fixtures';

const manifest = readManifest();

describe('spec fixtures', () => {
  it('has at least 30 fixtures, every one listed in the manifest and every listed one present', () => {
    const files = fixtureFiles();
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files).toEqual(Object.keys(manifest).sort());
  });

  it.each(Object.entries(manifest))('%s parses with its schema', (file, entry) => {
    const result = safeParseCds(schemaNamed(entry.schema), loadFixture(file), file);
    if (entry.valid === false) {
      expect(result.success).toBe(false);
      if (!result.success) {
        expect(result.error).toBeInstanceOf(CdsValidationError);
        expect(result.error.path).toBe(entry.failsAt);
      }
    } else {
      expect(result.success ? 'parsed' : result.error.message).toBe('parsed');
    }
  });
});

describe('what the parsed fixtures carry', () => {
  it('keeps unknown fields (cds-wg1-02 §10): the registration field echoed on a Client Object', () => {
    const listing = parseCds(
      clientListingSchema,
      loadFixture('wg1-02-12.5-client-listing.json'),
      'Client list',
    );
    expect(listing.clients[3]).toMatchObject({ cds_company_name: 'My Company Name' });
  });

  it('fills the §5.1 defaults the examples omit: contacts [] and client_name = client_id', () => {
    const listing = parseCds(
      clientListingSchema,
      loadFixture('wg1-02-12.5-client-listing.json'),
      'Client list',
    );
    expect(listing.clients[0]?.contacts).toEqual([]);
    expect(listing.clients[0]?.client_name).toBe('My App Name');
    expect(listing.clients[1]?.client_name).toBe('22bb40b5b823fa8c');
  });

  it('finds the CDS scopes by type in the current draft, several ids per type allowed', () => {
    const metadata = parseCds(
      publicAuthorizationServerMetadataSchema,
      loadFixture('wg1-02-12.2-authorization-server-metadata.json'),
      'Authorization Server metadata',
    );
    expect(scopesOfKind(metadata, 'grantAdmin').map((scope) => scope.id)).toEqual(['cds_grant_admin_1']);
    expect(scopesOfKind(metadata, 'serverProvidedFiles')[0]?.grant_admin_scope).toBe('cds_grant_admin_1');
    expect(metadata.cds_scope_descriptions.example_custom?.type).toBe('example_custom');
    expect(scopeKind(metadata.cds_scope_descriptions.cds_client_admin?.type)).toBe('clientAdmin');
  });

  it('reads a Server on the 2025-10 draft: unprefixed scope types, old field names, list auth method', () => {
    const metadata = parseCds(
      publicAuthorizationServerMetadataSchema,
      loadFixture('previous-draft-12.2-authorization-server-metadata.json'),
      'Authorization Server metadata',
    );
    expect(scopesOfKind(metadata, 'clientAdmin').map((scope) => scope.id)).toEqual(['client_admin']);
    expect(scopesOfKind(metadata, 'grantAdmin')[0]?.authorization_details_fields_supported).toHaveLength(2);
    const registered = parseCds(
      registrationResponseSchema,
      loadFixture('previous-draft-12.3-registration-response.json'),
      'registration response',
    );
    expect(registered.token_endpoint_auth_method).toBe('client_secret_basic');
    expect(scopeKind(registered.scope)).toBe('clientAdmin');
  });

  it('finds the Accounts API in the Customer Data metadata (cds-wg3-01 §5)', () => {
    const metadata = parseCds(
      publicAuthorizationServerMetadataSchema,
      loadFixture('wg3-01-13.1.1-authorization-server-metadata.json'),
      'Authorization Server metadata',
    );
    expect(accountsApiUrl(metadata)).toBe('https://example.com/cds-customerdata-api/v1/accounts');
    expect(metadata.cds_customerdata_version).toBe('v1');
    expect(customerDataApiUrl(metadata, 'eacs')).toBeNull();
    expect(SCOPE_TYPES.clientAdmin).toBe('cds_client_admin');
  });

  it('surfaces every message type of the §12.8 listing as known', () => {
    const listing = loadFixture<{ unread: { type: string }[] }>('wg1-02-12.8-message-listing.json');
    for (const message of listing.unread) expect(isKnown(messageTypeSchema, message.type)).toBe(true);
  });
});
