import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  COMPANION_STATE_VERSION,
  companionStateMigrations,
  companionStateSchema,
  defaultCompanionState,
} from '../../../src/main/companion/state-schema';
import { openJsonStore } from '../../../src/main/store/json-store';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('companion state version 2', () => {
  it('upgrades a version 1 file: automatic rotation off, default download folder, the rest kept', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cds-state-'));
    dirs.push(dir);
    mkdirSync(path.join(dir, 'state'));
    const file = path.join(dir, 'state', 'companion.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        data: {
          servers: {},
          serverOrder: [],
          settings: { pollingIntervalMinutes: 30, rotationPolicyDays: 7 },
          rotationJournal: [],
        },
      }),
    );
    const store = await openJsonStore({
      file,
      schema: companionStateSchema,
      version: COMPANION_STATE_VERSION,
      migrations: companionStateMigrations,
      defaults: defaultCompanionState,
    });
    expect(store.read().settings).toEqual({
      pollingIntervalMinutes: 30,
      rotationPolicyDays: 7,
      automaticRotation: false,
      downloadFolder: null,
    });
    await store.update((draft) => {
      draft.settings.automaticRotation = true;
    });
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(2);
  });

  it('starts new data folders with automatic rotation off', () => {
    expect(defaultCompanionState.settings).toMatchObject({ automaticRotation: false, downloadFolder: null });
    expect(companionStateSchema.parse(defaultCompanionState)).toEqual(defaultCompanionState);
  });
});
