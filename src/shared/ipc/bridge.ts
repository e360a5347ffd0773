import type { EventName, EventPayload, MethodArgs, MethodName, MethodResult } from './contract';
import { eventNames, methodNames } from './names';

/** `servers.add` -> namespace `servers`, verb `add`. */
type NamespaceOf<M extends string> = M extends `${infer N}.${string}` ? N : never;
type VerbOf<M extends string, N extends string> = M extends `${N}.${infer V}` ? V : never;

export type Unsubscribe = () => void;

/**
 * The renderer's view of the service: `window.cds.servers.add(url)`, and
 * `window.cds.on['messages.changed'](listener)` returning an unsubscribe function.
 * Every function is named by the contract; there is no generic invoke (STYLE.md 4).
 */
export type CdsApi = {
  readonly [N in NamespaceOf<MethodName>]: {
    // Extract<>: TypeScript does not narrow a template literal in a conditional's true branch.
    readonly [V in VerbOf<MethodName, N>]: (
      ...args: MethodArgs<Extract<`${N}.${V}`, MethodName>>
    ) => Promise<MethodResult<Extract<`${N}.${V}`, MethodName>>>;
  };
} & {
  readonly on: { readonly [E in EventName]: (listener: (payload: EventPayload<E>) => void) => Unsubscribe };
};

export type Invoke = (method: MethodName, args: unknown[]) => Promise<unknown>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => Unsubscribe;

/**
 * Builds the API object from the contract's names, over a transport: Electron IPC in the preload,
 * HTTP + server-sent events in the web harness. Both front ends therefore expose the same keys.
 */
export function buildBridge(invoke: Invoke, subscribe: Subscribe): CdsApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of methodNames) {
    const [namespace, verb] = name.split('.') as [string, string];
    api[namespace] ??= {};
    // Trailing `undefined`s are left out: JSON (the web harness) would turn them into `null`, which
    // an optional argument's schema rightly refuses.
    api[namespace][verb] = (...args: unknown[]) => invoke(name, withoutTrailingUndefined(args));
  }
  const on: Record<string, unknown> = {};
  for (const name of eventNames) {
    on[name] = (listener: (payload: unknown) => void) => subscribe(name, listener);
  }
  api.on = on;
  return freezeDeep(api) as unknown as CdsApi;
}

function withoutTrailingUndefined(args: unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end -= 1;
  return end === args.length ? args : args.slice(0, end);
}

function freezeDeep<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner && typeof inner === 'object') freezeDeep(inner);
  }
  return Object.freeze(value);
}

/** The channel names used on the wire, derived from the contract. */
export const invokeChannel = (method: MethodName): string => `cds:invoke:${method}`;
export const eventChannel = (event: EventName): string => `cds:event:${event}`;
