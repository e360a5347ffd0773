import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EventPayload } from '../../../shared/ipc/contract';

export type AuthorizationFlowEvent = EventPayload<'authorization.changed'>;

export interface AuthorizationState {
  /** The latest status of each authorization flow in the system browser (event `authorization.changed`). */
  readonly flowsById: Readonly<Record<string, AuthorizationFlowEvent>>;
  readonly recordFlow: (event: AuthorizationFlowEvent) => void;
}

export type AuthorizationStore = StoreApi<AuthorizationState>;

export function createAuthorizationStore(): AuthorizationStore {
  return createStore<AuthorizationState>()((set) => ({
    flowsById: {},
    recordFlow: (event) => set((state) => ({ flowsById: { ...state.flowsById, [event.flowId]: event } })),
  }));
}
