// Child process of kill-during-write.test.ts: rewrites a large store as fast as it can and reports
// each completed write on stdout, until the test kills it with SIGKILL.
import { openJsonStore } from '../../../src/main/store/json-store';
import { bigStateFor, bigStateSchema } from './big-state-schema';

const file = process.argv[2];
if (!file) throw new Error('usage: write-loop.ts <store file>');

const store = await openJsonStore({
  file,
  schema: bigStateSchema,
  version: 1,
  migrations: {},
  defaults: bigStateFor(0),
});
process.stdout.write(`open ${store.read().generation}\n`);
for (;;) {
  const next = store.read().generation + 1;
  process.stdout.write(`writing ${next}\n`);
  await store.update(() => bigStateFor(next));
  process.stdout.write(`wrote ${next}\n`);
}
