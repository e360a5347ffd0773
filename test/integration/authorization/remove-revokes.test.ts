import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientSecretKey, refreshTokenKey } from '../../../src/main/cds/oauth/vault-keys';
import { createCompanion } from '../../../src/main/companion/companion';
import { CUSTOMER_DATA_SCOPE } from '../../../src/sandbox/index';
import { approveInBrowser, authWorld, deliver, openedUrl } from './support';

// SECURITY.md: removing a Server revokes every token (RFC 7009) before its secrets are deleted,
// including the refresh tokens of user authorizations that an earlier run left in the vault.

/** RFC 7662 introspection as the Client Object itself would ask. */
async function isActive(endpoint: string, clientId: string, secret: string, token: string): Promise<boolean> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ token, token_type_hint: 'refresh_token' }).toString(),
  });
  const body = (await response.json()) as { active?: unknown };
  if (response.status !== 200) throw new Error(`introspection answered ${response.status}`);
  return body.active === true;
}

describe('removing a Server', () => {
  it('revokes the refresh tokens of user authorizations from an earlier run', async () => {
    const world = await authWorld(2);
    const reopened: { close(): Promise<void> }[] = [];
    try {
      const before = world.opened.length;
      const flow = await world.api['authorization.begin'](world.serverId, {
        scopeId: CUSTOMER_DATA_SCOPE,
        encrypt: false,
        details: { max_accounts: 10, min_balance: '0.00' },
      });
      const run = await approveInBrowser(await openedUrl(world, before + 1), 'bob');
      expect((await deliver(run.redirect)).status).toBe(200);
      const done = await world.api['authorization.complete'](world.serverId, flow.flowId);
      expect(done.access).toBe('user-token');

      const refresh = await world.vault.get(refreshTokenKey(world.serverId, done.clientId, done.grantId));
      const secret = await world.vault.get(clientSecretKey(world.serverId, done.clientId));
      if (refresh === null || secret === null) throw new Error('the authorization left no refresh token');
      const introspection = `${world.sandbox.baseUrl}/oauth/introspect`;
      expect(await isActive(introspection, done.clientId, secret, refresh)).toBe(true);

      // A later run: nothing is cached in memory, the refresh token is only in the vault.
      await world.companion.close();
      const later = await createCompanion({
        dataDir: world.dataDir,
        version: '0.0.0-test',
        vault: world.vault,
        http: { retry: { attempts: 1 } },
      });
      reopened.push(later);
      const report = await later.api.handlers['servers.remove'](world.serverId);
      expect(report.revocationFailures).toEqual([]);
      expect(report.revoked).toBeGreaterThanOrEqual(1);
      expect(await isActive(introspection, done.clientId, secret, refresh)).toBe(false);
      expect(await world.vault.get(refreshTokenKey(world.serverId, done.clientId, done.grantId))).toBeNull();
    } finally {
      for (const companion of reopened) await companion.close();
      await world.sandbox.close();
      rmSync(world.dataDir, { recursive: true, force: true });
    }
  });
});
