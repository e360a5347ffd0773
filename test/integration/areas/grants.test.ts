import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_DATA_SCOPE, FILES_SCOPE } from '../../../src/sandbox/index';
import { type AreaWorld, clientIdOf, eventsNamed, registeredWorld } from './support';

// Grants (cds-wg1-02 §8) through the Companion against the sandbox: §8.4 filters over several
// pages, detail, close, and scope / authorization_details changes answered 200 and 202.

let world: AreaWorld;
let accountsClient = '';
let filesClient = '';

beforeAll(async () => {
  world = await registeredWorld({ pageSize: 2 });
  accountsClient = clientIdOf(world, CUSTOMER_DATA_SCOPE);
  filesClient = clientIdOf(world, FILES_SCOPE);
  for (const status of ['active', 'suspended', 'active', 'needs_authorization']) {
    world.sandbox.control.createGrant({
      clientId: accountsClient,
      scope: CUSTOMER_DATA_SCOPE,
      status,
      customer: 'alice',
    });
  }
});

afterAll(async () => {
  await world.close();
});

describe('Grants', () => {
  it('lists every page, with each §8.4 filter sent as the Server expects', async () => {
    const all = await world.api['grants.list'](world.serverId);
    expect(all).toHaveLength(5);
    expect(all.filter((grant) => grant.clientId === accountsClient)).toHaveLength(4);
    const suspended = await world.api['grants.list'](world.serverId, { statuses: ['suspended'] });
    expect(suspended.map((grant) => grant.status)).toEqual(['suspended']);
    expect(suspended[0]).toMatchObject({ statusLabel: 'Suspended', accessible: false });
    expect(
      await world.api['grants.list'](world.serverId, { statuses: ['active', 'needs_authorization'] }),
    ).toHaveLength(4);
    expect(await world.api['grants.list'](world.serverId, { scopes: [FILES_SCOPE] })).toHaveLength(1);
    expect(await world.api['grants.list'](world.serverId, { clientIds: [filesClient] })).toHaveLength(1);
    const byId = await world.api['grants.list'](world.serverId, {
      grantIds: [all[0]?.grantId ?? '', all[1]?.grantId ?? ''],
    });
    expect(byId.map((grant) => grant.grantId).sort()).toEqual([all[0]?.grantId, all[1]?.grantId].sort());
    expect(await world.api['grants.list'](world.serverId, { parents: ['nobody'] })).toEqual([]);
    expect(await world.api['grants.list'](world.serverId, { receiptConfirmations: ['none'] })).toEqual([]);
    expect(
      await world.api['grants.list'](world.serverId, {
        after: '2000-01-01T00:00:00Z',
        before: '2999-01-01T00:00:00Z',
      }),
    ).toHaveLength(5);
    expect(await world.api['grants.list'](world.serverId, { before: '2000-01-01T00:00:00Z' })).toEqual([]);
    const log = world.sandbox.control
      .requestLog({ method: 'GET', path: '/cds-api/v1/grants' })
      .map((entry) => entry.url);
    for (const param of [
      'statuses=',
      'scopes=',
      'client_ids=',
      'grant_ids=',
      'parents=',
      'receipt_confirmations=',
      'after=',
      'before=',
    ]) {
      expect(log.some((url) => url.includes(param))).toBe(true);
    }
    expect(eventsNamed(world, 'grants.changed').length).toBeGreaterThan(0);
  });

  it('shows a Grant with its status in plain words', async () => {
    const [grant] = await world.api['grants.list'](world.serverId, { statuses: ['needs_authorization'] });
    const view = await world.api['grants.get'](world.serverId, grant?.grantId ?? '');
    expect(view).toMatchObject({
      status: 'needs_authorization',
      statusLabel: 'Needs customer authorization',
      parent: null,
      children: [],
      replacing: [],
      replacedBy: [],
    });
    expect(view.statusExplanation).toMatch(/customer must authorize/);
    await expect(world.api['grants.get'](world.serverId, 'missing')).rejects.toThrow(/no Grant missing/);
  });

  it('closes a Grant (PATCH status closed, §8.6)', async () => {
    const [grant] = await world.api['grants.list'](world.serverId, {
      statuses: ['active'],
      clientIds: [accountsClient],
    });
    const closed = await world.api['grants.close'](world.serverId, grant?.grantId ?? '');
    expect(closed).toMatchObject({ status: 'closed', accessible: false, statusLabel: 'Closed' });
    const patches = world.sandbox.control.requestLog({ method: 'PATCH' });
    expect(patches.at(-1)?.url).toBe(new URL(closed.uri).pathname);
    expect((await world.api['grants.get'](world.serverId, closed.grantId)).status).toBe('closed');
  });

  it('applies a reduction at once (200) and puts a wider change under review (202)', async () => {
    const [files] = await world.api['grants.list'](world.serverId, { scopes: [FILES_SCOPE] });
    if (!files) throw new Error('no files Grant');
    const details = files.authorizationDetails;
    expect(details.length).toBeGreaterThan(1);
    const reduced = await world.api['grants.change'](world.serverId, files.grantId, {
      authorizationDetails: details.slice(0, 1) as Array<{ type: string }>,
    });
    expect(reduced.accepted).toBe(false);
    expect(reduced.grant.authorizationDetails).toHaveLength(1);
    expect(reduced.grant.status).toBe('active');
    const widened = await world.api['grants.change'](world.serverId, files.grantId, {
      authorizationDetails: details as Array<{ type: string }>,
    });
    expect(widened.accepted).toBe(true);
    expect(widened.grant).toMatchObject({ status: 'pending', statusLabel: 'Being processed' });
    expect(widened.grant.eta).not.toBeNull();
    expect(widened.grant.enabledAuthorizationDetails).toHaveLength(1);
    expect(widened.reviewMessage).toBeNull();
    await expect(world.api['grants.change'](world.serverId, files.grantId, {})).rejects.toThrow(
      /new scope or new authorization details/,
    );
    await expect(
      world.api['grants.change'](world.serverId, files.grantId, { scope: 'not_a_scope' }),
    ).rejects.toThrow(/rejected/);
  });
});
