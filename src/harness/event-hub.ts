import type { ServiceEvents } from '../main/service-api';
import type { Unsubscribe } from '../shared/ipc/bridge';
import type { EventName, EventPayload } from '../shared/ipc/contract';

/** A typed in-process event source: the harness service emits through it, front ends listen. */
export interface EventHub extends ServiceEvents {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  listenerCount(event: EventName): number;
}

export function createEventHub(): EventHub {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  return {
    on(event, listener): Unsubscribe {
      const set = listeners.get(event) ?? new Set();
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      listeners.set(event, set);
      return () => {
        set.delete(untyped);
      };
    },
    emit(event, payload) {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          listener(payload);
        } catch (error) {
          // One failing listener must not starve the others; the error is a bug in that listener.
          console.error(`[harness] a listener for ${event} failed: ${(error as Error).message}`);
        }
      }
    },
    listenerCount(event) {
      return listeners.get(event)?.size ?? 0;
    },
  };
}
