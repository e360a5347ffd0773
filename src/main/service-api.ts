import type { Unsubscribe } from '../shared/ipc/bridge';
import type { EventName, EventPayload, HandlerArgs, MethodName, MethodResult } from '../shared/ipc/contract';

/**
 * What every front end (Electron IPC binding, web harness, tests) needs from the main-process service:
 * one handler per contract method and a typed event source. The front ends validate the sender and
 * the arguments with the contract's schemas before calling a handler (SECURITY.md "The desktop shell").
 */
export type ServiceHandlers = {
  readonly [M in MethodName]: (...args: HandlerArgs<M>) => Promise<MethodResult<M>>;
};

export interface ServiceEvents {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe;
}

export interface ServiceApi {
  readonly handlers: ServiceHandlers;
  readonly events: ServiceEvents;
}
