import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Companion } from '../../../src/main/companion/companion';
import type { ServiceHandlers } from '../../../src/main/service-api';
import { PROGRAM_SCOPE, type RunningSandbox, startSandbox } from '../../../src/sandbox/index';
import { programScopeValues } from '../program-scope-files';
import { openCompanion, removeDir, sharedVault, tempDataDir } from './support';

// The registration's to-dos (cds-wg1-02 §3.6) follow the Messages that track them: a later sync
// (not only registration.todos) moves a to-do on once the Server answers its request.

let sandbox: RunningSandbox;
let companion: Companion;
let api: ServiceHandlers;
let serverId = '';
const dataDir = tempDataDir();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  companion = await openCompanion(dataDir, sharedVault());
  api = companion.api.handlers;
  serverId = (await api['servers.add']({ url: sandbox.metadataUrl, name: 'Program utility' })).id;
});

afterAll(async () => {
  await companion.close();
  await sandbox.close();
  removeDir(dataDir);
});

describe('registration to-dos', () => {
  it('are matched at registration and move on at the next sync when the Server approves', async () => {
    const result = await api['registration.submit'](serverId, {
      scopes: [PROGRAM_SCOPE],
      clientName: 'Acme Energy Audits',
      values: programScopeValues(dataDir).values,
    });
    expect(result.warnings).toEqual([]);
    const review = result.todos.find((todo) => todo.kind === 'internal_review');
    // Registration found the production_request Message the Server opened for the review.
    expect(review).toMatchObject({ status: 'pending' });
    expect(review?.messageId).toBeTruthy();

    sandbox.control.approve(String(review?.messageId));
    await api['servers.sync'](serverId);
    const after = (await api['servers.get'](serverId)).registration?.todos.find(
      (todo) => todo.id === review?.id,
    );
    expect(after?.status).toBe('complete');
    expect(after?.messageId).toBe(review?.messageId);
  });
});
