import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_DATA_SCOPE } from '../../../src/sandbox/index';
import { type ExtrasWorld, eventsNamed, extrasWorld } from './support';

// The notification events (messages.received, grants.statusChanged, messages.unreadCount) derived
// from real syncs against the sandbox after its control surface posts a Message and changes a Grant.

let world: ExtrasWorld;
let accountsClient = '';
let grantId = '';

beforeAll(async () => {
  world = await extrasWorld();
  const clients = world.companion.core.clients.read(world.serverId);
  accountsClient = String(
    Object.values(clients?.clients ?? {}).find((entry) => entry.object.scope === CUSTOMER_DATA_SCOPE)?.object
      .client_id,
  );
  grantId = String(
    world.sandbox.control.createGrant({
      clientId: accountsClient,
      scope: CUSTOMER_DATA_SCOPE,
      status: 'active',
      customer: 'alice',
    }).grant_id,
  );
});

afterAll(async () => {
  await world.close();
});

describe('notification events', () => {
  it('announces new unread Messages and Grant status changes found by a sync', async () => {
    await world.api['servers.sync'](world.serverId);
    await expect.poll(() => eventsNamed(world, 'messages.unreadCount').length).toBeGreaterThan(0);
    // The registration's own Messages are the baseline: not announced.
    expect(eventsNamed(world, 'messages.received')).toEqual([]);
    const statusBefore = eventsNamed(world, 'grants.statusChanged').length;
    const totalBefore = eventsNamed(world, 'messages.unreadCount').at(-1)?.total ?? 0;

    const [posted] = world.sandbox.control.notify({
      registrationId: world.adminClientId,
      name: 'Planned maintenance',
      description: 'The API is down on Sunday.',
    });
    world.sandbox.control.setGrantStatus(grantId, 'suspended');
    await world.api['servers.sync'](world.serverId);

    await expect
      .poll(() => eventsNamed(world, 'messages.received'))
      .toEqual([
        {
          serverId: world.serverId,
          serverName: 'Extras utility',
          messages: [
            { messageId: String(posted?.message_id), name: 'Planned maintenance', type: 'notification' },
          ],
        },
      ]);
    await expect
      .poll(() => eventsNamed(world, 'grants.statusChanged').slice(statusBefore))
      .toEqual([
        {
          serverId: world.serverId,
          serverName: 'Extras utility',
          grantId,
          previousStatus: 'active',
          status: 'suspended',
        },
      ]);
    await expect
      .poll(() => eventsNamed(world, 'messages.unreadCount').at(-1))
      .toEqual({ total: totalBefore + 1 });
  });

  it('announces a Grant new in a full listing with no previous status', async () => {
    const statusBefore = eventsNamed(world, 'grants.statusChanged').length;
    const created = world.sandbox.control.createGrant({
      clientId: accountsClient,
      scope: CUSTOMER_DATA_SCOPE,
      status: 'needs_authorization',
      customer: 'alice',
    });
    await world.api['servers.sync'](world.serverId);
    await expect
      .poll(() => eventsNamed(world, 'grants.statusChanged').slice(statusBefore))
      .toEqual([
        expect.objectContaining({
          grantId: String(created.grant_id),
          previousStatus: null,
          status: 'needs_authorization',
        }),
      ]);
  });

  it('announces nothing again on a sync that finds nothing new, and follows reading', async () => {
    const received = eventsNamed(world, 'messages.received').length;
    const statusChanges = eventsNamed(world, 'grants.statusChanged').length;
    await world.api['servers.sync'](world.serverId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(eventsNamed(world, 'messages.received')).toHaveLength(received);
    expect(eventsNamed(world, 'grants.statusChanged')).toHaveLength(statusChanges);

    const total = eventsNamed(world, 'messages.unreadCount').at(-1)?.total ?? 0;
    const messageId = eventsNamed(world, 'messages.received')[0]?.messages[0]?.messageId;
    expect(messageId).toBeDefined();
    await world.api['messages.markRead'](world.serverId, String(messageId), true);
    await expect.poll(() => eventsNamed(world, 'messages.unreadCount').at(-1)).toEqual({ total: total - 1 });
    expect(eventsNamed(world, 'messages.received')).toHaveLength(received);
  });

  it('announces Messages that arrived while the app was closed at the first sync after start', async () => {
    await world.companion.close();
    const [posted] = world.sandbox.control.notify({
      registrationId: world.adminClientId,
      name: 'While you were away',
      description: 'Something happened.',
    });
    const { createCompanion } = await import('../../../src/main/companion/companion');
    const reopened = await createCompanion({
      dataDir: world.dataDir,
      version: '0.0.0-test',
      vault: world.companion.core.vault,
      http: { retry: { attempts: 1 } },
    });
    try {
      const seen: unknown[] = [];
      reopened.api.events.on('messages.received', (payload) => seen.push(payload));
      await reopened.api.handlers['sync.poll'](world.serverId);
      await expect
        .poll(() => seen)
        .toEqual([
          expect.objectContaining({
            messages: [
              { messageId: String(posted?.message_id), name: 'While you were away', type: 'notification' },
            ],
          }),
        ]);
    } finally {
      await reopened.close();
    }
  });
});
