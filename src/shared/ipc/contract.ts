import type { z } from 'zod';
import { appEvents, appMethods } from './app-contract';
import type { MethodSpec } from './define';

export type { AppInfo } from './app-contract';
export { appInfo } from './app-contract';
export type { MethodSpec } from './define';

/**
 * The IPC contract (STYLE.md 2): one map of invoke methods and one map of events, namespaced and
 * verb-first (`servers.add`, event `messages.changed`), assembled from one file per area
 * (`<area>-contract.ts`). The preload exposes exactly these names, the main-side binding validates
 * every call against these schemas, and the renderer derives its types from them. Result schemas
 * describe view models only: no field here may ever carry a secret (SECURITY.md "Secrets").
 */
export const methods = {
  ...appMethods,
} as const satisfies Record<string, MethodSpec>;

export const events = {
  ...appEvents,
} as const satisfies Record<string, z.ZodType>;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods & string;
export type EventName = keyof Events & string;
export type MethodArgs<M extends MethodName> = z.infer<Methods[M]['args']>;
export type MethodResult<M extends MethodName> = z.infer<Methods[M]['result']>;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];
