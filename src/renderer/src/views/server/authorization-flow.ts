import { useCallback, useRef, useState } from 'react';
import type {
  AuthorizationFlowView,
  AuthorizationRequest,
  AuthorizationView,
} from '../../../../shared/ipc/authorization-contract';
import { showToast, useToastQueue } from '../../components/toast-region';
import { useCdsApi } from '../../ipc/cds-api-context';
import { callService } from '../../ipc/cds-client';
import type { ServiceFailure } from '../../ipc/service-failure';

// One user authorization (cds-wg1-02 §8.3) as the dialog walks through it: start (the system browser
// opens), wait for the customer (loopback: the app's own listener on 127.0.0.1, RFC 8252; receipt: the
// confirmation code the Server's page shows), then the Grant. No code, token or state reaches here.

export type AuthorizationPhase =
  | { readonly phase: 'idle' }
  | { readonly phase: 'starting' }
  | { readonly phase: 'waiting'; readonly flow: AuthorizationFlowView }
  | { readonly phase: 'completing'; readonly flow: AuthorizationFlowView }
  | {
      readonly phase: 'done';
      readonly flow: AuthorizationFlowView;
      readonly authorization: AuthorizationView;
    }
  | {
      readonly phase: 'failed';
      readonly flow: AuthorizationFlowView | null;
      readonly failure: ServiceFailure;
    };

export interface AuthorizationFlowControls {
  readonly state: AuthorizationPhase;
  readonly begin: (request: AuthorizationRequest) => Promise<void>;
  /** The receipt path: the code from the Server's receipt page. */
  readonly confirm: (confirmation: string) => Promise<void>;
  /** Stops a started flow (the listener closes) and goes back to the form. */
  readonly cancel: () => Promise<void>;
  readonly reset: () => void;
}

export function useAuthorizationFlow(
  serverId: string,
  serverName: string,
  onAuthorized: (authorization: AuthorizationView) => void,
): AuthorizationFlowControls {
  const api = useCdsApi();
  const toasts = useToastQueue();
  const [state, setState] = useState<AuthorizationPhase>({ phase: 'idle' });
  // The flow a late answer belongs to: answers for a cancelled or replaced flow are dropped.
  const currentFlow = useRef<string | null>(null);

  const complete = useCallback(
    async (flow: AuthorizationFlowView, confirmation?: string) => {
      setState({ phase: 'completing', flow });
      // No third argument at all without a code: an explicit undefined would travel as null.
      const outcome = await callService(api, (cds) =>
        confirmation === undefined
          ? cds.authorization.complete(serverId, flow.flowId)
          : cds.authorization.complete(serverId, flow.flowId, { confirmation }),
      );
      if (currentFlow.current !== flow.flowId) return;
      if (!outcome.ok) {
        setState({ phase: 'failed', flow, failure: outcome.failure });
        return;
      }
      setState({ phase: 'done', flow, authorization: outcome.value });
      showToast(toasts, {
        tone: 'success',
        title: `The customer authorized access on ${serverName}`,
        description: `Grant ${outcome.value.grantId}`,
      });
      onAuthorized(outcome.value);
    },
    [api, serverId, serverName, toasts, onAuthorized],
  );

  const begin = useCallback(
    async (request: AuthorizationRequest) => {
      setState({ phase: 'starting' });
      const outcome = await callService(api, (cds) => cds.authorization.begin(serverId, request));
      if (!outcome.ok) {
        setState({ phase: 'failed', flow: null, failure: outcome.failure });
        return;
      }
      const flow = outcome.value;
      currentFlow.current = flow.flowId;
      if (flow.path === 'loopback') await complete(flow);
      else setState({ phase: 'waiting', flow });
    },
    [api, serverId, complete],
  );

  const confirm = useCallback(
    async (confirmation: string) => {
      if (state.phase !== 'waiting' && state.phase !== 'failed') return;
      if (state.flow === null) return;
      await complete(state.flow, confirmation);
    },
    [state, complete],
  );

  const cancel = useCallback(async () => {
    const flowId = currentFlow.current;
    currentFlow.current = null;
    setState({ phase: 'idle' });
    if (flowId !== null) await callService(api, (cds) => cds.authorization.cancel(serverId, flowId));
  }, [api, serverId]);

  const reset = useCallback(() => {
    currentFlow.current = null;
    setState({ phase: 'idle' });
  }, []);

  return { state, begin, confirm, cancel, reset };
}
