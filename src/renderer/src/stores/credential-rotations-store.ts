import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RotationResult } from '../../../shared/ipc/credentials-contract';
import type { ServiceFailure } from '../ipc/service-failure';

// Secret rotations started from this window (cds-wg1-02 §7.5, §7.6; SECURITY.md "secret rotation"):
// create → verify → save to the vault → expire the old Credential. The service journals the steps
// and tells the renderer only what the contract offers: a `credentials.changed` event naming the
// Client Object once the new secret is in the vault (after create and verify), another once the old
// one is expired, then the call's result or its failure (whose step names where it stopped).

export type RotationStepId = 'create' | 'verify' | 'save' | 'expire';
export type RotationStepState = 'waiting' | 'running' | 'done' | 'failed' | 'warning' | 'not-run';

/** `running`: nothing reported yet; `secret-saved`: the vault holds the new secret (first event). */
export type RotationPhase = 'running' | 'secret-saved' | 'succeeded' | 'incomplete' | 'failed';

export interface CredentialRotation {
  readonly serverId: string;
  readonly clientId: string;
  readonly phase: RotationPhase;
  readonly startedAt: number;
  /** The service reported the new secret saved in the vault (the first `credentials.changed`). */
  readonly secretSaved: boolean;
  readonly result: RotationResult | null;
  readonly failure: ServiceFailure | null;
}

export interface RotationStep {
  readonly id: RotationStepId;
  readonly label: string;
  readonly state: RotationStepState;
}

export interface CredentialRotationsState {
  readonly byKey: Readonly<Record<string, CredentialRotation>>;
  readonly start: (serverId: string, clientId: string, at: number) => void;
  /** Event `credentials.changed`: for a running rotation of that Client Object, the secret is saved. */
  readonly noteCredentialsChanged: (serverId: string, clientId: string | null) => void;
  readonly finish: (result: RotationResult) => void;
  readonly fail: (serverId: string, clientId: string, failure: ServiceFailure) => void;
  readonly dismiss: (serverId: string, clientId: string) => void;
}

export type CredentialRotationsStore = StoreApi<CredentialRotationsState>;

export function rotationKey(serverId: string, clientId: string): string {
  return `${serverId}/${clientId}`;
}

export function rotationOf(
  state: Pick<CredentialRotationsState, 'byKey'>,
  serverId: string,
  clientId: string,
): CredentialRotation | null {
  return state.byKey[rotationKey(serverId, clientId)] ?? null;
}

export function isRotationRunning(rotation: CredentialRotation | null): boolean {
  return rotation !== null && (rotation.phase === 'running' || rotation.phase === 'secret-saved');
}

const stepLabels: Readonly<Record<RotationStepId, string>> = {
  create: 'Create a new secret',
  verify: 'Check that the Server accepts it',
  save: 'Save it in the secret store',
  expire: 'Expire the old secret',
};
const order: readonly RotationStepId[] = ['create', 'verify', 'save', 'expire'];

/** Which step a failure stopped at, from the step the service named (credential-rotation.ts wording). */
export function failedStepOf(rotation: CredentialRotation): RotationStepId {
  const step = rotation.failure?.step?.toLowerCase() ?? '';
  if (step.includes('expiring')) return 'expire';
  if (step.includes('saving')) return 'save';
  if (step.includes('verifying') || step.includes('reading the new secret')) return 'verify';
  if (step.includes('creating')) return 'create';
  return rotation.secretSaved ? 'expire' : 'create';
}

/** The four steps as a person follows them, from what the service reported so far. */
export function rotationSteps(rotation: CredentialRotation): readonly RotationStep[] {
  const states = (pick: (id: RotationStepId, index: number) => RotationStepState) =>
    order.map((id, index) => ({ id, label: stepLabels[id], state: pick(id, index) }));
  switch (rotation.phase) {
    case 'running':
      // Create and verify run before the service reports anything.
      return states((_id, index) => (index === 0 ? 'running' : 'waiting'));
    case 'secret-saved':
      return states((id) => (id === 'expire' ? 'running' : 'done'));
    case 'succeeded':
      return states(() => 'done');
    case 'incomplete':
      return states((id) => (id === 'expire' ? 'warning' : 'done'));
    case 'failed': {
      const failedAt = order.indexOf(failedStepOf(rotation));
      return states((_id, index) => (index < failedAt ? 'done' : index === failedAt ? 'failed' : 'not-run'));
    }
  }
}

export function createCredentialRotationsStore(): CredentialRotationsStore {
  return createStore<CredentialRotationsState>()((set) => {
    const update = (
      serverId: string,
      clientId: string,
      change: (current: CredentialRotation | null) => CredentialRotation | null,
    ) =>
      set((state) => {
        const key = rotationKey(serverId, clientId);
        const next = change(state.byKey[key] ?? null);
        if (next === (state.byKey[key] ?? null)) return state;
        if (next === null) {
          const { [key]: _removed, ...rest } = state.byKey;
          return { byKey: rest };
        }
        return { byKey: { ...state.byKey, [key]: next } };
      });
    return {
      byKey: {},
      start: (serverId, clientId, at) =>
        update(serverId, clientId, () => ({
          serverId,
          clientId,
          phase: 'running',
          startedAt: at,
          secretSaved: false,
          result: null,
          failure: null,
        })),
      noteCredentialsChanged: (serverId, clientId) => {
        if (clientId === null) return;
        update(serverId, clientId, (current) =>
          current?.phase === 'running' ? { ...current, phase: 'secret-saved', secretSaved: true } : current,
        );
      },
      finish: (result) =>
        update(result.serverId, result.clientId, (current) => ({
          serverId: result.serverId,
          clientId: result.clientId,
          startedAt: current?.startedAt ?? 0,
          secretSaved: true,
          phase: result.complete ? 'succeeded' : 'incomplete',
          result,
          failure: null,
        })),
      fail: (serverId, clientId, failure) =>
        update(serverId, clientId, (current) => ({
          serverId,
          clientId,
          startedAt: current?.startedAt ?? 0,
          // Keep what was reported (a saved secret) so the failed step is placed right.
          secretSaved: current?.secretSaved ?? false,
          phase: 'failed',
          result: null,
          failure,
        })),
      dismiss: (serverId, clientId) => update(serverId, clientId, () => null),
    };
  });
}
