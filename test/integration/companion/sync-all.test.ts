import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Companion } from '../../../src/main/companion/companion';
import { SYNC_CONCURRENCY } from '../../../src/main/companion/sync-all';
import { CLIENT_ADMIN_SCOPE, type RunningSandbox, startSandbox } from '../../../src/sandbox/index';
import { openCompanion, removeDir, sharedVault, tempDataDir } from './support';

// servers.syncAll syncs several Servers at a time (sync-all.ts), so one slow Server does not hold
// up the others: three registered sandboxes whose Messages answer only after DELAY_MS each sync in
// about one delay, not three, and the reports keep the Servers' order.

const SERVERS = 3;
const DELAY_MS = 600;

let sandboxes: RunningSandbox[];
let companion: Companion;
const dataDir = tempDataDir();
const ids: string[] = [];

beforeAll(async () => {
  sandboxes = await Promise.all(Array.from({ length: SERVERS }, () => startSandbox({ port: 0 })));
  companion = await openCompanion(dataDir, sharedVault());
  const api = companion.api.handlers;
  for (const [index, sandbox] of sandboxes.entries()) {
    const summary = await api['servers.add']({ url: sandbox.metadataUrl, name: `Utility ${index}` });
    await api['registration.submit'](summary.id, {
      scopes: [CLIENT_ADMIN_SCOPE],
      clientName: 'Example Energy Audit Services',
      values: {},
    });
    ids.push(summary.id);
  }
});

afterAll(async () => {
  await companion.close();
  await Promise.all(sandboxes.map((sandbox) => sandbox.close()));
  removeDir(dataDir);
});

describe('servers.syncAll', () => {
  it('syncs the Servers concurrently and reports them in order', async () => {
    expect(SYNC_CONCURRENCY).toBeGreaterThanOrEqual(SERVERS);
    for (const sandbox of sandboxes) {
      sandbox.control.injectFault({ path: '/cds-api/v1/messages', delayMs: DELAY_MS, times: null });
    }
    const started = performance.now();
    const reports = await companion.api.handlers['servers.syncAll']();
    const elapsed = performance.now() - started;
    expect(reports.map((report) => report.serverId)).toEqual(ids);
    expect(reports.every((report) => report.ok)).toBe(true);
    // One at a time would take at least SERVERS × DELAY_MS; together they overlap.
    expect(elapsed).toBeLessThan(SERVERS * DELAY_MS);
    for (const sandbox of sandboxes) {
      expect(sandbox.control.requestLog({ path: '/cds-api/v1/messages' }).length).toBeGreaterThan(0);
    }
  });
});
