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
});
export type AppInfo = z.infer<typeof appInfo>;

export const appMethods = {
  'app.info': method(z.tuple([]), appInfo),
};

export const appEvents = {
  'server.status': z.object({ serverId: z.string(), status: z.string() }),
};
