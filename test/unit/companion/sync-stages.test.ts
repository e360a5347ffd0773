import { describe, expect, it } from 'vitest';
import type { CompanionModule } from '../../../src/main/companion/companion-module';
import { syncStages } from '../../../src/main/companion/server-sync';

const module = (area: string, syncOrder?: number, syncs = true): CompanionModule => ({
  area,
  handlers: {},
  ...(syncOrder === undefined ? {} : { syncOrder }),
  ...(syncs ? { sync: async () => ({}) } : {}),
});

describe('syncStages', () => {
  it('orders the syncing modules by syncOrder and groups equal orders to run side by side', () => {
    const stages = syncStages([
      module('messages', 50),
      module('credentials', 20),
      module('settings', 5, false),
      module('grants'),
      module('clients', 10),
      module('files', 50),
    ]);
    expect(stages.map((stage) => stage.map((entry) => entry.area))).toEqual([
      ['clients'],
      ['credentials'],
      // No syncOrder counts as 50.
      ['messages', 'grants', 'files'],
    ]);
  });

  it('is empty when no module syncs', () => {
    expect(syncStages([module('app', undefined, false)])).toEqual([]);
  });
});
