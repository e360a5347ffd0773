import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openJsonStore } from '../../../src/main/store/json-store';
import { StoreError } from '../../../src/main/store/store-error';

const schema = z.object({
  counter: z.number().int(),
  servers: z.array(z.object({ id: z.string(), name: z.string() })),
  journal: z.object({ pending: z.array(z.string()) }),
});
type State = z.infer<typeof schema>;
const defaults: State = { counter: 0, servers: [], journal: { pending: [] } };

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cds-store-'));
  file = path.join(dir, 'state.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = (overrides: Partial<Parameters<typeof openJsonStore<typeof schema>>[0]> = {}) =>
  openJsonStore({ file, schema, version: 1, migrations: {}, defaults, ...overrides });

async function envelopeOnDisk(): Promise<{ version: number; data: unknown }> {
  return JSON.parse(await readFile(file, 'utf8'));
}

describe('openJsonStore: normal operation', () => {
  it('starts from defaults without writing, then writes a versioned envelope on update', async () => {
    const store = await open();
    expect(store.read()).toEqual(defaults);
    expect(store.readOnly).toBe(false);
    expect(store.problems).toEqual([]);
    expect(await readdir(dir)).toEqual([]);

    await store.update((draft) => {
      draft.counter = 7;
      draft.servers.push({ id: 's1', name: 'Utility' });
    });
    expect(await envelopeOnDisk()).toEqual({
      version: 1,
      data: { counter: 7, servers: [{ id: 's1', name: 'Utility' }], journal: { pending: [] } },
    });
    const reopened = await open();
    expect(reopened.read().servers).toEqual([{ id: 's1', name: 'Utility' }]);
    // Nothing but the store file: no temp file left behind.
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('accepts a mutator that returns a replacement state', async () => {
    const store = await open();
    await store.update(() => ({ counter: 3, servers: [], journal: { pending: ['x'] } }));
    expect(store.read()).toEqual({ counter: 3, servers: [], journal: { pending: ['x'] } });
  });

  it('hands out deep-frozen state so it can only change through update', async () => {
    const store = await open();
    await store.update((draft) => {
      draft.servers.push({ id: 's1', name: 'A' });
    });
    const state = store.read();
    expect(() => {
      (state as { counter: number }).counter = 99;
    }).toThrow(TypeError);
    expect(() => {
      (state.servers as { id: string; name: string }[]).push({ id: 's2', name: 'B' });
    }).toThrow(TypeError);
    expect(store.read().counter).toBe(0);
  });

  it('refuses an invalid new state: nothing written, state unchanged', async () => {
    const store = await open();
    await store.update((draft) => {
      draft.counter = 1;
    });
    const before = await readFile(file, 'utf8');
    const failed = store.update((draft) => {
      (draft as { counter: unknown }).counter = 'not a number';
    });
    await expect(failed).rejects.toMatchObject({ name: 'StoreError', code: 'invalid_state' });
    await expect(failed).rejects.toThrow(/counter/);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(store.read().counter).toBe(1);
  });

  it('serialises concurrent updates in call order, and a failing one does not block the rest', async () => {
    const store = await open();
    const order: number[] = [];
    const updates = Array.from({ length: 20 }, (_, i) =>
      store.update((draft) => {
        if (i === 5) throw new Error('mutator failed');
        order.push(i);
        draft.counter += 1;
      }),
    );
    const results = await Promise.allSettled(updates);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(order).toEqual([...Array(20).keys()].filter((i) => i !== 5));
    expect(store.read().counter).toBe(19);
    expect((await envelopeOnDisk()).data).toMatchObject({ counter: 19 });
  });

  it('keeps state and file unchanged when the write fails', async () => {
    const store = await open();
    await store.update((draft) => {
      draft.counter = 1;
    });
    // Replace the directory by a plain file: the temp file can no longer be created.
    await rm(dir, { recursive: true, force: true });
    await writeFile(dir, 'not a directory');
    try {
      const failed = store.update((draft) => {
        draft.counter = 2;
      });
      await expect(failed).rejects.toMatchObject({ code: 'write_failed' });
      expect(store.read().counter).toBe(1);
    } finally {
      await rm(dir, { force: true });
    }
  });

  it('gives typed sections over top-level keys', async () => {
    const store = await open();
    const journal = store.section('journal');
    await journal.update((draft) => {
      draft.pending.push('rotate s1');
    });
    await store.section('counter').update((n) => n + 5);
    expect(journal.read()).toEqual({ pending: ['rotate s1'] });
    expect(store.read().counter).toBe(5);
    expect((await envelopeOnDisk()).data).toMatchObject({ counter: 5, journal: { pending: ['rotate s1'] } });
  });

  it('writes the file private to the user', async () => {
    if (process.platform === 'win32') return;
    const store = await open();
    await store.update((draft) => {
      draft.counter = 1;
    });
    const { stat } = await import('node:fs/promises');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('openJsonStore: versions and migrations', () => {
  const v1Schema = z.object({ count: z.number() });
  const migrations = {
    // v1 → v2: rename count to counter, add servers.
    1: (data: unknown) => ({ counter: (data as { count: number }).count, servers: [] }),
    // v2 → v3: add the journal.
    2: (data: unknown) => ({ ...(data as object), journal: { pending: [] } }),
  };

  it('migrates an older file step by step, keeps the original and writes the new version', async () => {
    const original = `${JSON.stringify({ version: 1, data: v1Schema.parse({ count: 4 }) })}\n`;
    await writeFile(file, original);
    const store = await open({ version: 3, migrations });
    expect(store.read()).toEqual({ counter: 4, servers: [], journal: { pending: [] } });
    expect(store.problems).toEqual([]);
    expect(await envelopeOnDisk()).toEqual({ version: 3, data: store.read() });
    expect(await readFile(`${file}.v1.bak`, 'utf8')).toBe(original);
  });

  it('refuses to open when a migration step is missing, leaving the file untouched', async () => {
    const original = JSON.stringify({ version: 1, data: { count: 4 } });
    await writeFile(file, original);
    const opening = open({ version: 3, migrations: { 2: migrations[2] } });
    await expect(opening).rejects.toBeInstanceOf(StoreError);
    await expect(opening).rejects.toMatchObject({ code: 'migration_missing' });
    expect(await readFile(file, 'utf8')).toBe(original);
  });

  it('keeps a file whose migration throws as a backup and reports it', async () => {
    const original = JSON.stringify({ version: 1, data: 'unexpected' });
    await writeFile(file, original);
    const store = await open({
      version: 2,
      migrations: {
        1: () => {
          throw new Error('cannot read a string');
        },
      },
    });
    expect(store.read()).toEqual(defaults);
    expect(store.problems).toHaveLength(1);
    const [problem] = store.problems;
    expect(problem?.kind).toBe('invalid');
    expect(problem?.message).toMatch(/could not be migrated from format 1 to 2/);
    expect(await readFile(problem?.backupFile ?? '', 'utf8')).toBe(original);
  });

  it('opens a file from a newer version read-only, reports it and never rewrites it', async () => {
    const original = JSON.stringify({
      version: 4,
      data: { counter: 12, servers: [], journal: { pending: [] }, futureField: true },
    });
    await writeFile(file, original);
    const store = await open({ version: 3, migrations });
    expect(store.readOnly).toBe(true);
    expect(store.read().counter).toBe(12);
    expect(store.problems).toEqual([
      expect.objectContaining({ kind: 'newer_version', fileVersion: 4, file }),
    ]);
    expect(store.problems[0]?.message).toMatch(/newer version of CDS Companion/);
    const failed = store.update((draft) => {
      draft.counter = 13;
    });
    await expect(failed).rejects.toMatchObject({ name: 'StoreError', code: 'read_only' });
    await expect(failed).rejects.toThrow(/read-only/);
    expect(await readFile(file, 'utf8')).toBe(original);
    expect(store.read().counter).toBe(12);
  });

  it('opens a newer file it cannot parse read-only from defaults, still untouched', async () => {
    const original = JSON.stringify({ version: 9, data: { totally: 'different' } });
    await writeFile(file, original);
    const store = await open();
    expect(store.readOnly).toBe(true);
    expect(store.read()).toEqual(defaults);
    expect(await readFile(file, 'utf8')).toBe(original);
  });
});

describe('openJsonStore: corrupt files', () => {
  const corruptCases: [string, string][] = [
    ['garbage', 'this is not json {'],
    ['a truncated write', '{"version":1,"data":{"counter":3,"serv'],
    ['an empty file', ''],
    ['a missing version', '{"data":{}}'],
    ['a non-object', '[1,2,3]'],
  ];

  it.each(corruptCases)('keeps %s as a backup, reports it and starts from defaults', async (_, content) => {
    await writeFile(file, content);
    const store = await open({ now: () => new Date('2025-03-04T05:06:07.089Z') });
    expect(store.read()).toEqual(defaults);
    expect(store.readOnly).toBe(false);
    expect(store.problems).toHaveLength(1);
    const [problem] = store.problems;
    expect(problem?.kind).toBe('corrupt');
    expect(problem?.backupFile).toBe(`${file}.corrupt-2025-03-04T05-06-07-089Z`);
    expect(problem?.message).toContain(problem?.backupFile);
    // The bad bytes are kept exactly, never silently replaced.
    expect(await readFile(problem?.backupFile ?? '', 'utf8')).toBe(content);
    await store.update((draft) => {
      draft.counter = 1;
    });
    expect((await envelopeOnDisk()).data).toMatchObject({ counter: 1 });
  });

  it('reports data that fails the schema and keeps it as a backup', async () => {
    const original = JSON.stringify({
      version: 1,
      data: { counter: 'three', servers: [], journal: { pending: [] } },
    });
    await writeFile(file, original);
    const store = await open();
    expect(store.problems[0]?.kind).toBe('invalid');
    expect(store.problems[0]?.message).toMatch(/counter/);
    expect(store.problems[0]?.message).not.toContain('three');
    expect(await readFile(store.problems[0]?.backupFile ?? '', 'utf8')).toBe(original);
  });

  it('never overwrites an earlier backup made at the same moment', async () => {
    const now = () => new Date('2025-01-01T00:00:00.000Z');
    await writeFile(file, 'first bad');
    const first = await open({ now });
    await writeFile(file, 'second bad');
    const second = await open({ now });
    const a = first.problems[0]?.backupFile ?? '';
    const b = second.problems[0]?.backupFile ?? '';
    expect(a).not.toBe(b);
    expect(await readFile(a, 'utf8')).toBe('first bad');
    expect(await readFile(b, 'utf8')).toBe('second bad');
  });
});

describe('openJsonStore: leftovers of a killed writer', () => {
  it('removes temp files of dead writers, keeps those of live ones, and reads the complete file', async () => {
    const good = JSON.stringify({ version: 1, data: { counter: 5, servers: [], journal: { pending: [] } } });
    await writeFile(file, good);
    // pid 2^22+ is above Linux's pid_max: certainly not running.
    const deadTemp = `${file}.tmp-4194999-abcdef`;
    const liveTemp = `${file}.tmp-${process.ppid}-123456`;
    await writeFile(deadTemp, '{"version":1,"data":{"coun');
    await writeFile(liveTemp, '{"version":1,"da');
    const store = await open();
    expect(store.read().counter).toBe(5);
    expect(store.problems).toEqual([]);
    const names = await readdir(dir);
    expect(names).not.toContain(path.basename(deadTemp));
    expect(names).toContain(path.basename(liveTemp));
  });
});

describe('openJsonStore: entries and shared versions', () => {
  const entrySchema = z.object({ name: z.string(), count: z.number().int() });
  const recordSchema = z.object({
    servers: z.record(z.string(), entrySchema),
    order: z.array(z.string()),
  });
  type RecordState = z.infer<typeof recordSchema>;
  const openRecords = () =>
    openJsonStore({
      file,
      schema: recordSchema,
      version: 1,
      migrations: {},
      defaults: { servers: {}, order: [] } as RecordState,
    });

  it('creates, edits and removes one entry', async () => {
    const store = await openRecords();
    const servers = store.entries('servers');
    await servers.update('a', () => ({ name: 'A', count: 1 }));
    await servers.update('b', () => ({ name: 'B', count: 1 }));
    await servers.update('a', (draft) => {
      if (draft) draft.count += 1;
    });
    // An absent entry stays absent unless the mutator returns one.
    await servers.update('c', () => undefined);
    expect(servers.read('a')).toEqual({ name: 'A', count: 2 });
    expect(servers.read('c')).toBeUndefined();
    await servers.remove('b');
    expect((await envelopeOnDisk()).data).toEqual({ servers: { a: { name: 'A', count: 2 } }, order: [] });
  });

  it('validates the changed entry and names its path when it is invalid', async () => {
    const store = await openRecords();
    const servers = store.entries('servers');
    await servers.update('a', () => ({ name: 'A', count: 1 }));
    const before = await readFile(file, 'utf8');
    const failed = servers.update('a', (draft) => {
      (draft as { count: unknown }).count = 'many';
    });
    await expect(failed).rejects.toMatchObject({ code: 'invalid_state' });
    await expect(failed).rejects.toThrow(/servers\.a\.count/);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(servers.read('a')).toEqual({ name: 'A', count: 1 });
  });

  it('keeps every unchanged part of the state the same frozen object', async () => {
    const store = await openRecords();
    const servers = store.entries('servers');
    await servers.update('a', () => ({ name: 'A', count: 1 }));
    await servers.update('b', () => ({ name: 'B', count: 1 }));
    const before = store.read();
    await servers.update('b', (draft) => {
      if (draft) draft.count = 2;
    });
    const after = store.read();
    expect(after).not.toBe(before);
    expect(after.servers.a).toBe(before.servers.a);
    expect(after.order).toBe(before.order);
    expect(Object.isFrozen(after.servers.b)).toBe(true);
    // A whole-state update that rewrites an entry with the same values keeps it too.
    await store.update((draft) => {
      draft.order.push('a');
    });
    expect(store.read().servers).toBe(after.servers);
  });

  it('writes nothing for an update that changes nothing', async () => {
    const store = await openRecords();
    await store.entries('servers').update('a', () => ({ name: 'A', count: 1 }));
    // A marker on disk shows whether the file is written again.
    const marker = `${JSON.stringify({ version: 1, data: { servers: {}, order: [] } })}\n`;
    await writeFile(file, marker);
    await store.entries('servers').update('a', () => ({ name: 'A', count: 1 }));
    await store.update((draft) => {
      draft.order = [];
    });
    await store.entries('servers').update('missing', () => undefined);
    expect(await readFile(file, 'utf8')).toBe(marker);
  });

  it('lands many concurrent updates of different entries, each applied once, in one consistent file', async () => {
    const store = await openRecords();
    const servers = store.entries('servers');
    const ids = Array.from({ length: 40 }, (_, i) => `s${i}`);
    const rounds = await Promise.allSettled(
      ids.flatMap((id, i) => [
        servers.update(id, () => ({ name: id, count: 0 })),
        servers.update(id, (draft) => {
          if (i === 7) throw new Error('this one fails');
          if (draft) draft.count += 1;
        }),
        store.section('order').update((order) => [...order, id]),
      ]),
    );
    expect(rounds.filter((result) => result.status === 'rejected')).toHaveLength(1);
    const expected = Object.fromEntries(ids.map((id, i) => [id, { name: id, count: i === 7 ? 0 : 1 }]));
    expect(store.read()).toEqual({ servers: expected, order: ids });
    expect((await envelopeOnDisk()).data).toEqual(store.read());
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('fails updates while the file cannot be written and recovers once it can', async () => {
    const store = await openRecords();
    const servers = store.entries('servers');
    await servers.update('a', () => ({ name: 'A', count: 1 }));
    await rm(dir, { recursive: true, force: true });
    await writeFile(dir, 'not a directory');
    const failing = [1, 2, 3].map((n) =>
      servers.update('a', (draft) => {
        if (draft) draft.count = n;
      }),
    );
    for (const update of failing) await expect(update).rejects.toMatchObject({ code: 'write_failed' });
    expect(servers.read('a')).toEqual({ name: 'A', count: 1 });
    await rm(dir, { force: true });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dir);
    await servers.update('a', (draft) => {
      if (draft) draft.count = 9;
    });
    expect((await envelopeOnDisk()).data).toEqual({ servers: { a: { name: 'A', count: 9 } }, order: [] });
  });
});
