import { describe, expect, it } from 'vitest';
import {
  CLIENT_STATUSES,
  clientObjectSchema,
  clientStatusSchema,
  GRANT_STATUSES,
  grantSchema,
  grantStatusSchema,
  isKnown,
  isScopeType,
  KNOWN_SCOPE_TYPES,
  messageListingSchema,
  messageTypeSchema,
  openEnum,
  parseCds,
  safeParseCds,
  scopeKind,
} from '../../../src/shared/cds';
import { loadFixture } from './spec-fixtures';

describe('openEnum', () => {
  const colour = openEnum(['red', 'green']);

  it('parses known and unknown strings as themselves', () => {
    expect(colour.parse('red')).toBe('red');
    expect(colour.parse('ultraviolet')).toBe('ultraviolet');
  });

  it('still refuses values that are not strings', () => {
    expect(colour.safeParse(3).success).toBe(false);
    expect(colour.safeParse(null).success).toBe(false);
  });

  it('tells known from unknown', () => {
    expect(colour.known).toEqual(['red', 'green']);
    expect(isKnown(colour, 'green')).toBe(true);
    expect(isKnown(colour, 'ultraviolet')).toBe(false);
    expect(isKnown(colour, undefined)).toBe(false);
    expect(Object.isFrozen(colour.known)).toBe(true);
  });

  it('exposes the spec lists for the UI', () => {
    expect(clientStatusSchema.known).toEqual(CLIENT_STATUSES);
    expect(grantStatusSchema.known).toEqual(GRANT_STATUSES);
    expect(GRANT_STATUSES).toContain('needs_sub_grants');
  });
});

describe('unknown enum strings from a Server are never fatal (cds-wg1-02 §10)', () => {
  it('a Grant with a status from a future draft parses, and shows as unknown', () => {
    const grant = loadFixture('wg1-02-12.17-grant.json');
    grant.status = 'hibernating';
    const parsed = parseCds(grantSchema, grant, 'Grant');
    expect(parsed.status).toBe('hibernating');
    expect(isKnown(grantStatusSchema, parsed.status)).toBe(false);
  });

  it('a Message of an unknown type inside a listing parses', () => {
    const listing = loadFixture<{ unread: Record<string, unknown>[] }>('wg1-02-12.8-message-listing.json');
    const first = listing.unread[0] as Record<string, unknown>;
    first.type = 'carrier_pigeon';
    first.related_type = 'scroll';
    const parsed = parseCds(messageListingSchema, listing, 'Message list');
    expect(parsed.unread[0]?.type).toBe('carrier_pigeon');
    expect(isKnown(messageTypeSchema, parsed.unread[0]?.type)).toBe(false);
    expect(isKnown(messageTypeSchema, parsed.unread[1]?.type)).toBe(true);
  });

  it('a Client Object with an unknown status option parses', () => {
    const client = loadFixture('wg1-02-12.6-client.json');
    client.cds_status_options = ['production', 'paused'];
    const result = safeParseCds(clientObjectSchema, client, 'Client');
    expect(result.success).toBe(true);
  });
});

describe('scope types under both drafts', () => {
  it('maps prefixed and unprefixed types to one kind', () => {
    expect(scopeKind('cds_client_admin')).toBe('clientAdmin');
    expect(scopeKind('client_admin')).toBe('clientAdmin');
    expect(scopeKind('cds_grant_admin')).toBe('grantAdmin');
    expect(scopeKind('grant_admin')).toBe('grantAdmin');
    expect(scopeKind('cds_server_provided_files')).toBe('serverProvidedFiles');
    expect(scopeKind('server_provided_files')).toBe('serverProvidedFiles');
    expect(scopeKind('cds_grant_admin_1')).toBeNull();
    expect(scopeKind('customer_data')).toBeNull();
    expect(scopeKind(undefined)).toBeNull();
    expect(isScopeType('grant_admin', 'grantAdmin')).toBe(true);
    expect(KNOWN_SCOPE_TYPES).toHaveLength(6);
  });
});
