import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_DATA_SCOPE } from '../../../src/sandbox/index';
import { type AreaWorld, clientIdOf, eventsNamed, registeredWorld } from './support';

// Sync and polling against the sandbox: a full sync refreshes every area and tells the front ends;
// a poll reads the Messages and refreshes only what new changelog Messages name (cds-wg1-02 §5.3,
// §7.3).

let world: AreaWorld;

beforeAll(async () => {
  world = await registeredWorld();
});

afterAll(async () => {
  await world.close();
});

describe('sync and polling', () => {
  it('servers.sync refreshes every area and emits their events', async () => {
    world.events.length = 0;
    const report = await world.api['servers.sync'](world.serverId);
    expect(report.errors).toEqual([]);
    expect(Object.keys(report.counts).sort()).toEqual([
      'authorizations',
      'clients',
      'credentials',
      'files',
      'grants',
      'messages',
    ]);
    expect(report.counts.files).toBe(2);
    const names = new Set(world.events.map((event) => event.name));
    for (const name of [
      'clients.changed',
      'credentials.changed',
      'messages.changed',
      'grants.changed',
      'files.changed',
    ] as const) {
      expect(names.has(name)).toBe(true);
    }
    expect(eventsNamed(world, 'messages.changed').at(-1)).toMatchObject({ serverId: world.serverId });
  });

  it('confirms unchanged metadata in the sync’s one write of the record, and stores changed metadata at once', async () => {
    const changes: unknown[] = [];
    const stop = world.companion.api.events.on('servers.changed', (payload) => changes.push(payload));
    try {
      const before = world.companion.core.state.read().servers[world.serverId];
      const report = await world.api['servers.sync'](world.serverId);
      const after = world.companion.core.state.read().servers[world.serverId];
      expect(after?.lastSync).toBe(report.at);
      expect(after?.discovery.fetchedAt).toBe(report.at);
      // The documents the Server sent again unchanged stay the stored objects: nothing re-parsed.
      expect(after?.discovery.oauthMetadata).toBe(before?.discovery.oauthMetadata);
      expect(after?.discovery.cdsMetadata).toBe(before?.discovery.cdsMetadata);
      expect(changes).toEqual([{ serverId: world.serverId, reason: 'synced' }]);

      changes.length = 0;
      world.sandbox.control.injectFault({ path: '/cds-coverage.json', status: 500, times: 1 });
      const failed = await world.api['servers.sync'](world.serverId);
      const withError = world.companion.core.state.read().servers[world.serverId];
      expect(withError?.discovery.coverage.error).toMatch(/coverage/i);
      expect(withError?.discovery.fetchedAt).toBe(failed.at);
      expect(changes).toEqual([
        { serverId: world.serverId, reason: 'updated' },
        { serverId: world.serverId, reason: 'synced' },
      ]);

      await world.api['servers.sync'](world.serverId);
      expect(world.companion.core.state.read().servers[world.serverId]?.discovery.coverage.error).toBeNull();
    } finally {
      stop();
    }
  });

  it('a poll with nothing new refreshes nothing else', async () => {
    world.sandbox.control.clearRequestLog();
    const [report] = await world.api['sync.poll'](world.serverId);
    expect(report).toMatchObject({ ok: true, newMessages: 0, refreshed: [] });
    expect(world.sandbox.control.requestLog({ method: 'GET', path: '/cds-api/v1/clients' })).toHaveLength(0);
  });

  it('a changelog Message about a Credential re-syncs Credentials only', async () => {
    const credentials = await world.api['credentials.list'](world.serverId);
    const accounts = clientIdOf(world, CUSTOMER_DATA_SCOPE);
    const target = credentials.find((credential) => credential.clientId === accounts);
    world.sandbox.control.expireCredential(target?.credentialId ?? '');
    world.sandbox.control.clearRequestLog();
    world.events.length = 0;
    const [report] = await world.api['sync.poll']();
    expect(report).toMatchObject({
      serverId: world.serverId,
      ok: true,
      newMessages: 1,
      refreshed: ['credentials'],
    });
    expect(
      world.sandbox.control.requestLog({ method: 'GET', path: '/cds-api/v1/credentials' }).length,
    ).toBeGreaterThan(0);
    expect(world.sandbox.control.requestLog({ method: 'GET', path: '/cds-api/v1/clients' })).toHaveLength(0);
    expect(world.events.map((event) => event.name)).toEqual(
      expect.arrayContaining(['messages.changed', 'credentials.changed', 'sync.polled']),
    );
  });

  it('an approved production request re-syncs Client Objects, showing the new production one', async () => {
    const before = await world.api['clients.list'](world.serverId);
    const sent = await world.api['messages.send'](world.serverId, {
      type: 'production_request',
      clientId: clientIdOf(world, CUSTOMER_DATA_SCOPE),
    });
    world.sandbox.control.approve(sent.messageId);
    world.events.length = 0;
    const [report] = await world.api['sync.poll'](world.serverId);
    expect(report?.refreshed).toEqual(expect.arrayContaining(['clients', 'credentials']));
    const cached = world.companion.core.clients.read(world.serverId);
    expect(cached?.order.length).toBe(before.length + 1);
    expect(world.events.some((event) => event.name === 'clients.changed')).toBe(true);
  });

  it('new files announced by a Message are listed after a poll', async () => {
    world.sandbox.control.createFileGrant({
      clientId: clientIdOf(world, 'cds_server_provided_files_1'),
      files: [
        {
          name: 'report.pdf',
          mimeType: 'application/pdf',
          base64: Buffer.from('%PDF-1.4').toString('base64'),
        },
      ],
    });
    const [report] = await world.api['sync.poll'](world.serverId);
    expect(report?.refreshed).toEqual(['grants', 'files']);
    const files = world.companion.core.state.read();
    expect(files.servers[world.serverId]?.status).toBe('reachable');
    const listed = await world.api['files.list'](world.serverId);
    expect(listed.files.map((file) => file.name)).toContain('report.pdf');
  });

  it('sets the polling interval and reports the schedule', async () => {
    const on = await world.api['sync.setPollingInterval'](5);
    expect(on).toMatchObject({ pollingIntervalMinutes: 5, running: true });
    expect(Date.parse(on.nextPollAt ?? '')).toBeGreaterThan(Date.now() + 4 * 60_000);
    const off = await world.api['sync.setPollingInterval'](0);
    expect(off).toMatchObject({ pollingIntervalMinutes: 0, running: false, nextPollAt: null });
    expect((await world.api['sync.status']()).lastPollAt).not.toBeNull();
  });

  it('marks the Server unreachable when a poll cannot reach it', async () => {
    world.sandbox.control.injectFault({ path: '/cds-api/v1/messages', reset: true, times: null });
    const [report] = await world.api['sync.poll'](world.serverId);
    world.sandbox.control.clearFaults();
    expect(report?.ok).toBe(false);
    expect(report?.errors[0]).toMatch(/Area utility/);
    expect(eventsNamed(world, 'server.status').at(-1)).toEqual({
      serverId: world.serverId,
      status: 'unreachable',
    });
    await world.api['sync.poll'](world.serverId);
    expect(eventsNamed(world, 'server.status').at(-1)).toEqual({
      serverId: world.serverId,
      status: 'reachable',
    });
  });
});
