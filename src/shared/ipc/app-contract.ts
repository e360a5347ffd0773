import { z } from 'zod';
import { method } from './define';

export const appInfo = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  vault: z.object({
    backend: z.enum(['keychain', 'file', 'memory']),
    persistent: z.boolean(),
    warning: z.string().nullable(),
  }),
  /**
   * Problems with the stored state, one line per file: a file kept as a backup at start, a cache
   * that could not be saved (docs/decisions/0003-write-behind-caches.md). Absent when there are none.
   */
  storeProblems: z.array(z.string()).optional(),
});
export type AppInfo = z.infer<typeof appInfo>;

export const appMethods = {
  'app.info': method(z.tuple([]), appInfo),
};

export const appEvents = {
  'server.status': z.object({ serverId: z.string(), status: z.string() }),
};
