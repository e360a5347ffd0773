// Child process of kill-during-write.test.ts: rewrites a large store as fast as it can and reports
// each completed write on stdout, until the test kills it with SIGKILL. With `behind`, the store is
// written behind (ADR 0003): it reports each version made, and its writes run in the background.
import { openJsonStore } from '../../../src/main/store/json-store';
import { bigStateFor, bigStateSchema } from './big-state-schema';

const file = process.argv[2];
const behind = process.argv[3] === 'behind';
if (!file) throw new Error('usage: write-loop.ts <store file> [behind]');

const store = await openJsonStore({
  file,
  schema: bigStateSchema,
  version: 1,
  migrations: {},
  defaults: bigStateFor(0),
  writeBehind: behind,
});
process.stdout.write(`open ${store.read().generation}\n`);
for (;;) {
  const next = store.read().generation + 1;
  process.stdout.write(`writing ${next}\n`);
  await store.update(() => bigStateFor(next));
  if (behind) {
    process.stdout.write(`made ${next}\n`);
    // Lets the background write run, as an app between two syncs would.
    await new Promise((resolve) => setTimeout(resolve, 5));
  } else {
    process.stdout.write(`wrote ${next}\n`);
  }
}
