import type { Unsubscribe } from '../../shared/ipc/bridge';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import type { ServiceEvents } from '../service-api';

/** The Companion's typed event source (ServiceEvents) and the one way modules emit. */
export interface CompanionEvents extends ServiceEvents {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type Emit = CompanionEvents['emit'];

export function createCompanionEvents(): CompanionEvents {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  return {
    on(event, listener): Unsubscribe {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
    emit(event, payload) {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          listener(payload);
        } catch {
          // A failing front end must never break the service that emitted.
        }
      }
    },
  };
}
