import { describe, expect, it } from 'vitest';
import { explainGrantStatus } from '../../../src/main/cds/grant-status';
import { grantViewOf } from '../../../src/main/companion/grant-cache';
import { grantSchema, parseCds } from '../../../src/shared/cds/index';

const grant = (id: string, fields: Record<string, unknown> = {}) =>
  parseCds(
    grantSchema,
    {
      grant_id: id,
      uri: `https://u.example/cds-api/v1/grants/${id}`,
      replacing: [],
      replaced_by: [],
      parent: null,
      children: [],
      created: '2025-01-01T00:00:00Z',
      modified: '2025-01-01T00:00:00Z',
      not_before: null,
      not_after: null,
      eta: null,
      expires: null,
      status: 'active',
      client_id: 'c1',
      scope: 'cds_x',
      authorization_details: [],
      receipt_confirmations: [],
      enabled_scope: 'cds_x',
      enabled_authorization_details: [],
      ...fields,
    },
    'grant',
  );

describe('grant views', () => {
  it('explain every §8.2 status in plain words and whether access remains', () => {
    expect(explainGrantStatus('active')).toMatchObject({ label: 'Active', accessible: true });
    expect(explainGrantStatus('closed').accessible).toBe(false);
    expect(explainGrantStatus('needs_authorization').explanation).toMatch(/customer must authorize/);
    expect(explainGrantStatus('x_custom')).toMatchObject({ label: 'x_custom', accessible: true });
  });

  it('resolve parent, children, replacing and replaced_by', () => {
    const parent = grant('p', { children: ['k1', 'k2'], status: 'needs_sub_grants' });
    const child = grant('k1', { parent: 'p', status: 'needs_authorization' });
    const old = grant('old', { status: 'closed', replaced_by: ['https://u.example/cds-api/v1/grants/p'] });
    const next = grant('p2', { replacing: [parent.uri] });
    const view = grantViewOf('s', { ...parent, replacing: [old.uri], replaced_by: [next.uri] }, {}, [
      parent,
      child,
      old,
      next,
    ]);
    expect(view.children).toEqual([
      { grantId: 'k1', uri: child.uri, status: 'needs_authorization', scope: 'cds_x' },
      { grantId: 'k2', uri: null, status: null, scope: null },
    ]);
    expect(view.replacing[0]).toMatchObject({ grantId: 'old', status: 'closed' });
    expect(view.replacedBy[0]).toMatchObject({ grantId: 'p2', status: 'active' });
    expect(grantViewOf('s', child, {}, [parent, child]).parent).toMatchObject({
      grantId: 'p',
      status: 'needs_sub_grants',
    });
    expect(view.statusLabel).toBe('Waiting for sub-Grants');
  });
});
