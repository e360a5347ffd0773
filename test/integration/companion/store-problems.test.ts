import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_DATA_SCOPE } from '../../../src/sandbox/index';
import { openRegisteredWorld, type RegisteredWorld } from '../registered-world';
import { openCompanion, removeDir, sharedVault, tempDataDir } from './support';

// Problems with the stored state reach app.info (SECURITY.md "a corrupt file is kept as a backup and
// reported"), and a cache written behind (ADR 0003) that cannot be saved is reported, kept in memory
// and saved once it can be.

describe('stored-data problems', () => {
  it('lists the files kept as backups at start, caches and durable areas alike', async () => {
    const dataDir = tempDataDir();
    try {
      mkdirSync(path.join(dataDir, 'state'), { recursive: true });
      writeFileSync(path.join(dataDir, 'state', 'messages.json'), '{"version":1,"data":{"servers":');
      writeFileSync(path.join(dataDir, 'state', 'authorizations.json'), 'not json');
      const companion = await openCompanion(dataDir, sharedVault());
      try {
        const info = await companion.api.handlers['app.info']();
        const problems = info.storeProblems ?? [];
        expect(problems).toHaveLength(2);
        expect(problems.find((line) => /messages\.json/.test(line))).toMatch(/corrupt/);
        expect(problems.find((line) => /authorizations\.json/.test(line))).toMatch(/corrupt/);
      } finally {
        await companion.close();
      }
    } finally {
      removeDir(dataDir);
    }
  });

  describe('a cache that cannot be saved', () => {
    let world: RegisteredWorld;
    beforeAll(async () => {
      world = await openRegisteredWorld({ label: 'Store', scopes: [CUSTOMER_DATA_SCOPE], events: [] });
    });
    afterAll(async () => {
      await world?.close();
    });

    it('is reported with its file, kept in memory and written once the folder is back', async () => {
      expect((await world.api['app.info']()).storeProblems).toBeUndefined();
      const stateDir = path.join(world.dataDir, 'state');
      const moved = `${stateDir}-away`;
      await world.companion.flush();
      renameSync(stateDir, moved);
      // Answers from the Server still arrive: the failed write only holds back the cache file.
      const listed = await world.api['credentials.list'](world.serverId);
      expect(listed.length).toBeGreaterThan(0);
      await expect(world.companion.flush()).rejects.toMatchObject({ code: 'write_failed' });
      const problems = (await world.api['app.info']()).storeProblems ?? [];
      expect(problems.some((line) => /Could not save .*credentials\.json \(ENOENT\)/.test(line))).toBe(true);

      renameSync(moved, stateDir);
      await world.companion.flush();
      const onDisk = JSON.parse(readFileSync(path.join(stateDir, 'credentials.json'), 'utf8')) as {
        data: { servers: Record<string, { order: string[] }> };
      };
      expect(onDisk.data.servers[world.serverId]?.order).toHaveLength(listed.length);
    });
  });
});
