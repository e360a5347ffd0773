import { describe, expect, it } from 'vitest';
import {
  accountListingSchema,
  accountsApiUrl,
  authorizationServerMetadataSchema,
  CUSTOMER_DATA_APIS,
  customerDataApiUrl,
  jwkAuthorizationDetailsSchema,
  jwkPublicKeySchema,
  parseCds,
  safeParseCds,
} from '../../../src/shared/cds';
import { loadFixture } from './spec-fixtures';

const metadata = loadFixture('wg1-02-12.2-authorization-server-metadata.json');

describe('Customer Data API URLs under both names (cds-wg3-01 §5, overview)', () => {
  it('reads cds_customerdata_accounts_api, as the overview and older Servers say', () => {
    const parsed = parseCds(
      authorizationServerMetadataSchema,
      { ...metadata, cds_customerdata_accounts_api: 'https://example.com/cd/accounts' },
      'metadata',
    );
    expect(accountsApiUrl(parsed)).toBe('https://example.com/cd/accounts');
    expect(parsed.cds_customerdata_accounts_api).toBe('https://example.com/cd/accounts');
  });

  it('prefers the current name when a Server sends both', () => {
    const parsed = parseCds(
      authorizationServerMetadataSchema,
      {
        ...metadata,
        cds_accounts_api: 'https://example.com/v2/accounts',
        cds_customerdata_accounts_api: 'https://example.com/v1/accounts',
      },
      'metadata',
    );
    expect(accountsApiUrl(parsed)).toBe('https://example.com/v2/accounts');
  });

  it('covers every Customer Data API, and says null when there is none', () => {
    for (const api of CUSTOMER_DATA_APIS) {
      expect(customerDataApiUrl({ [`cds_customerdata_${api}_api`]: `https://x/${api}` }, api)).toBe(
        `https://x/${api}`,
      );
      expect(customerDataApiUrl({ [`cds_${api}_api`]: `https://y/${api}` }, api)).toBe(`https://y/${api}`);
    }
    expect(accountsApiUrl(metadata)).toBeNull();
    expect(accountsApiUrl({ cds_accounts_api: '' })).toBeNull();
  });

  it('refuses a Customer Data API URL that is not text', () => {
    const result = safeParseCds(
      authorizationServerMetadataSchema,
      { ...metadata, cds_accounts_api: 5 },
      'metadata',
    );
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.path).toBe('$.cds_accounts_api');
  });

  it('reads the credentials API under an older name when the current one is absent', () => {
    const { cds_credentials_api: url, ...rest } = metadata;
    const parsed = parseCds(
      authorizationServerMetadataSchema,
      { ...rest, cds_scope_credentials_api: url },
      'metadata',
    );
    expect(parsed.cds_credentials_api).toBe(url);
  });
});

describe('the jwk authorization detail (cds-wg3-01 §7.4.6)', () => {
  const publicKey = loadFixture('overview-jwk-public-key.json');

  it('accepts a public key or null', () => {
    const parsed = parseCds(
      jwkAuthorizationDetailsSchema,
      [
        { type: 'customer_data', jwk: publicKey },
        { type: 'other_scope', jwk: null },
      ],
      'authorization details',
    );
    expect(parsed[0]?.jwk?.crv).toBe('P-256');
    expect(parsed[1]?.jwk).toBeNull();
  });

  it('refuses a private key, naming the private member, without echoing it', () => {
    const privateKey = loadFixture('overview-jwk-private-key.json');
    const result = safeParseCds(
      jwkAuthorizationDetailsSchema,
      [{ type: 'customer_data', jwk: privateKey }],
      'details',
    );
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.path).toBe('$[0].jwk.d');
    expect(result.error.message).not.toContain(String(privateKey.d));
  });

  it('refuses a key whose use is not enc', () => {
    const result = safeParseCds(jwkPublicKeySchema, { ...publicKey, use: 'sig' }, 'JWK');
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.path).toBe('$.use');
  });
});

describe('Accounts', () => {
  it('keeps unknown account types, statuses and fields', () => {
    const listing = loadFixture<{ accounts: Record<string, unknown>[] }>(
      'wg3-01-13.2.2-account-listing.json',
    );
    const account = listing.accounts[0] as Record<string, unknown>;
    account.account_types = ['customer', 'cooperative'];
    account.account_status = 'dormant';
    account.exampleutility_region = 'north';
    const parsed = parseCds(accountListingSchema, listing, 'Accounts list');
    expect(parsed.accounts[0]).toMatchObject({
      account_types: ['customer', 'cooperative'],
      account_status: 'dormant',
      exampleutility_region: 'north',
    });
  });
});
