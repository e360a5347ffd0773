import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCredentialExpiry } from '../../../src/main/cds/credentials';
import { clientSecretKey } from '../../../src/main/cds/oauth/vault-keys';
import {
  ROTATION_INTERVAL_MS,
  ROTATION_START_DELAY_MS,
} from '../../../src/main/companion/rotation-scheduler';
import { CUSTOMER_DATA_SCOPE } from '../../../src/sandbox/index';
import { fakeTimers } from '../../unit/companion-extras/fake-timers';
import { type ExtrasWorld, eventsNamed, extrasWorld } from './support';

// Settings, the scheduled rotation (injected timers) and the activity timeline, through the real
// Companion against the sandbox over 127.0.0.1.

let world: ExtrasWorld;
const timers = fakeTimers();
const downloads = mkdtempSync(path.join(tmpdir(), 'cds-extras-downloads-'));

beforeAll(async () => {
  world = await extrasWorld({ timers: timers.timers, defaultDownloadFolder: downloads });
});

afterAll(async () => {
  await world.close();
  rmSync(downloads, { recursive: true, force: true });
});

describe('settings', () => {
  it('shows the defaults with the data folder and the vault', async () => {
    expect(await world.api['settings.get']()).toEqual({
      pollingIntervalMinutes: 15,
      rotation: {
        automatic: false,
        daysBeforeExpiry: 14,
        lastRunAt: null,
        lastRunRotated: null,
        lastRunProblem: null,
        nextRunAt: null,
      },
      downloadFolder: downloads,
      downloadFolderIsDefault: true,
      dataDir: world.dataDir,
      vault: { backend: 'memory', persistent: false, warning: expect.any(String) },
    });
    // Automatic rotation is off: no timer of its own.
    expect(timers.pending()).not.toContain(ROTATION_START_DELAY_MS);
  });

  it('changes the polling interval through the sync area poller', async () => {
    const view = await world.api['settings.update']({ pollingIntervalMinutes: 5 });
    expect(view.pollingIntervalMinutes).toBe(5);
    const status = await world.api['sync.status']();
    expect(status.pollingIntervalMinutes).toBe(5);
    expect(status.nextPollAt).not.toBeNull();
    expect(eventsNamed(world, 'settings.changed').at(-1)?.pollingIntervalMinutes).toBe(5);
  });

  it('keeps a chosen download folder, refuses a missing one, and goes back to the default', async () => {
    const chosen = mkdtempSync(path.join(downloads, 'chosen-'));
    const view = await world.api['settings.update']({ downloadFolder: chosen });
    expect(view).toMatchObject({ downloadFolder: chosen, downloadFolderIsDefault: false });
    await expect(
      world.api['settings.update']({ downloadFolder: path.join(chosen, 'missing') }),
    ).rejects.toThrow(/does not exist/);
    await expect(world.api['settings.update']({ downloadFolder: 'relative/folder' })).rejects.toThrow(
      /absolute/,
    );
    expect((await world.api['settings.get']()).downloadFolder).toBe(chosen);
    expect(world.companion.core.state.read().settings.downloadFolder).toBe(chosen);
    expect(await world.api['settings.update']({ downloadFolder: null })).toMatchObject({
      downloadFolder: downloads,
      downloadFolderIsDefault: true,
    });
  });

  it('runs rotateExpiring on its timer when automatic rotation is on, then daily', async () => {
    const accountsClient = String(
      Object.values(world.companion.core.clients.read(world.serverId)?.clients ?? {}).find(
        (entry) => entry.object.scope === CUSTOMER_DATA_SCOPE,
      )?.object.client_id,
    );
    const credentials = await world.api['credentials.list'](world.serverId, { clientIds: [accountsClient] });
    const active = credentials.find((credential) => credential.active);
    const context = world.companion.core.context(world.serverId, 'test');
    await setCredentialExpiry(
      context,
      String(active?.object.uri),
      Math.floor(Date.now() / 1000) + 5 * 86_400,
      accountsClient,
    );
    const secretBefore = await world.companion.core.vault.get(
      clientSecretKey(world.serverId, accountsClient),
    );

    const view = await world.api['settings.update']({
      automaticRotation: true,
      rotationDaysBeforeExpiry: 10,
    });
    expect(view.rotation).toMatchObject({ automatic: true, daysBeforeExpiry: 10, lastRunAt: null });
    expect(view.rotation.nextRunAt).not.toBeNull();
    expect(timers.pending()).toContain(ROTATION_START_DELAY_MS);

    await timers.advance(ROTATION_START_DELAY_MS);
    await expect.poll(async () => (await world.api['settings.get']()).rotation.lastRunRotated).toBe(1);
    expect((await world.api['settings.get']()).rotation.lastRunProblem).toBeNull();
    expect(await world.companion.core.vault.get(clientSecretKey(world.serverId, accountsClient))).not.toBe(
      secretBefore,
    );
    await expect.poll(() => timers.pending()).toContain(ROTATION_INTERVAL_MS);

    // The next daily run finds nothing left to rotate.
    await timers.advance(ROTATION_INTERVAL_MS);
    await expect
      .poll(async () => (await world.api['settings.get']()).rotation)
      .toMatchObject({ lastRunRotated: 0, lastRunProblem: null });

    // Off: the timer is cleared.
    await world.api['settings.update']({ automaticRotation: false });
    expect(timers.pending()).not.toContain(ROTATION_INTERVAL_MS);
    expect((await world.api['settings.get']()).rotation.nextRunAt).toBeNull();
  });
});

describe('activity timeline', () => {
  it('records every HTTP attempt of a sync with its Server, step and status', async () => {
    const before = (await world.api['activity.list']()).length;
    await world.api['servers.sync'](world.serverId);
    const entries = await world.api['activity.list']({ serverId: world.serverId });
    expect(entries.length).toBeGreaterThan(0);
    const all = await world.api['activity.list']();
    expect(all.length).toBeGreaterThan(before);
    const messages = entries.find((entry) => entry.url.includes('/messages'));
    expect(messages).toMatchObject({
      serverId: world.serverId,
      serverName: 'Extras utility',
      method: 'GET',
      status: 200,
      attempt: 1,
      failure: null,
    });
    expect(messages?.step).toBeTruthy();
    expect(eventsNamed(world, 'activity.recorded').at(-1)).toEqual(all.at(-1));
    expect(await world.api['activity.list']({ serverId: world.serverId, limit: 2 })).toEqual(
      entries.slice(-2),
    );
  });

  it('keeps no secret: no client secret, token or secret query parameter in any entry', async () => {
    const secretUrl = new URL(world.sandbox.metadataUrl);
    secretUrl.username = 'user';
    secretUrl.password = 'hunter2-password';
    secretUrl.searchParams.set('access_token', 'tok-SECRET-1234567');
    secretUrl.searchParams.set('code', 'authcode-SECRET-89');
    secretUrl.searchParams.set('client_secret', 'cs-SECRET-0000');
    const response = await world.companion.core.http
      .request(secretUrl, {
        server: { id: world.serverId, name: 'Extras utility' },
        step: 'testing redaction',
      })
      .catch(() => null);
    await response?.dump();
    const entries = await world.api['activity.list']();
    const recorded = entries.find((entry) => entry.step === 'testing redaction');
    expect(recorded?.url).toContain('access_token=%5Bredacted%5D');
    const text = JSON.stringify([...entries, ...eventsNamed(world, 'activity.recorded')]);
    for (const secret of ['tok-SECRET-1234567', 'authcode-SECRET-89', 'cs-SECRET-0000', 'hunter2-password']) {
      expect(text).not.toContain(secret);
    }
    // Every secret the vault holds for this Server (client secrets, refresh tokens).
    for (const client of Object.keys(world.companion.core.clients.read(world.serverId)?.clients ?? {})) {
      const secret = await world.companion.core.vault.get(clientSecretKey(world.serverId, client));
      if (secret) expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/Bearer\s+[A-Za-z0-9]/);
  });
});
