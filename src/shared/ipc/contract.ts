import { z } from 'zod';
import type { EventName, MethodName } from './names';

export type { EventName, MethodName } from './names';
export { eventNames, methodNames } from './names';

/**
 * The IPC contract (STYLE.md 2): one map of invoke methods and one map of events, namespaced and
 * verb-first. The preload exposes exactly these names, the main-side binding validates every call
 * against these schemas, and the renderer derives its types from them. Result schemas describe view
 * models only: no field here may ever carry a secret (SECURITY.md "Secrets").
 */
export interface MethodSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly args: A;
  readonly result: R;
}

function method<A extends z.ZodType, R extends z.ZodType>(args: A, result: R): MethodSpec<A, R> {
  return { args, result };
}

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

export const methods = {
  'app.info': method(z.tuple([]), appInfo),
} as const satisfies Record<MethodName, MethodSpec>;

export const events = {
  'server.status': z.object({ serverId: z.string(), status: z.string() }),
} as const satisfies Record<EventName, z.ZodType>;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodArgs<M extends MethodName> = z.infer<Methods[M]['args']>;
export type MethodResult<M extends MethodName> = z.infer<Methods[M]['result']>;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
