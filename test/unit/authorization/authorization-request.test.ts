import { describe, expect, it } from 'vitest';
import {
  authorizationParameters,
  codeFlowClientFor,
  prepareAuthorizationUrl,
} from '../../../src/main/cds/authorization/authorization-request';
import type { OAuthSession } from '../../../src/main/cds/oauth/oauth-session';
import type { ServerContext } from '../../../src/main/companion/server-context';

const pkce = { verifier: 'v'.repeat(43), challenge: 'c'.repeat(43), method: 'S256' as const };

describe('the authorization request (RFC 6749 §4.1.1, RFC 9396, cds-wg1-02 §8.3)', () => {
  it('carries code, PKCE S256, state, scope and the details entry', () => {
    const params = authorizationParameters(
      { scopeId: 'cds_accounts_1', detail: { type: 'cds_accounts_1', max_accounts: 3 } },
      'client-1',
      'http://127.0.0.1:5000/cds/s1/callback',
      'state-1',
      pkce,
    );
    expect(params).toEqual({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: 'http://127.0.0.1:5000/cds/s1/callback',
      state: 'state-1',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      scope: 'cds_accounts_1',
      authorization_details: '[{"type":"cds_accounts_1","max_accounts":3}]',
    });
  });

  it('adds cds_grant_id and prompt=login when asked, and no details entry for scope-only requests', () => {
    const params = authorizationParameters(
      { scopeId: 's', detail: null, grantId: 'g-1', promptLogin: true },
      'c',
      'https://example.com/r',
      'st',
      pkce,
    );
    expect(params.cds_grant_id).toBe('g-1');
    expect(params.prompt).toBe('login');
    expect(params.authorization_details).toBeUndefined();
  });

  it('without PAR the parameters travel in the query', async () => {
    const context = {
      ref: { id: 's1', name: 'Test utility' },
      oauth: { authorization_endpoint: 'https://as.example.com/authorize?tenant=1' },
    } as unknown as ServerContext;
    const prepared = await prepareAuthorizationUrl(
      context,
      {} as OAuthSession,
      { client_id: 'c', state: 's' },
      'step',
    );
    expect(prepared.usedPar).toBe(false);
    const url = new URL(prepared.url);
    expect(Object.fromEntries(url.searchParams)).toEqual({ tenant: '1', client_id: 'c', state: 's' });
  });

  it('a Server without an authorization endpoint is a clear DiscoveryError', async () => {
    const context = { ref: { id: 's1', name: 'Test utility' }, oauth: {} } as unknown as ServerContext;
    await expect(prepareAuthorizationUrl(context, {} as OAuthSession, {}, 'starting')).rejects.toMatchObject({
      kind: 'discovery',
      userMessage:
        'Test utility: the Server has no authorization endpoint, so customers cannot authorize here (while starting).',
    });
  });

  it('picks a code-flow Client Object for the scope, production first', () => {
    const client = (id: string, status: string, scope = 'cds_accounts_1', code = true) => ({
      client_id: id,
      scope,
      cds_status: status,
      response_types: code ? ['code'] : [],
      grant_types: code ? ['authorization_code', 'refresh_token'] : ['client_credentials'],
    });
    const context = {
      ref: { id: 's1', name: 'Test utility' },
      cachedClients: () => [
        client('admin', 'sandbox', 'cds_client_admin', false),
        client('sandbox-1', 'sandbox'),
        client('prod-1', 'production'),
        client('off', 'disabled'),
      ],
    } as unknown as ServerContext;
    expect(codeFlowClientFor(context, 'cds_accounts_1', undefined, 'x').client_id).toBe('prod-1');
    expect(codeFlowClientFor(context, 'cds_accounts_1', 'sandbox-1', 'x').client_id).toBe('sandbox-1');
    expect(() => codeFlowClientFor(context, 'cds_accounts_1', 'off', 'x')).toThrow(
      /cannot ask for cds_accounts_1/,
    );
    expect(() => codeFlowClientFor(context, 'other_scope', undefined, 'x')).toThrow(
      /none is registered for the scope other_scope/,
    );
  });
});
