import type { GrantView } from '../../../../shared/ipc/grants-contract';
import type { ScopeView } from '../../../../shared/ipc/servers-contract';
import { Button } from '../../components/button';
import { ErrorState } from '../../components/error-state';
import { ExternalLink } from '../../components/external-link';
import { Spinner } from '../../components/spinner';
import { useAuthorizationStore } from '../../stores/renderer-stores';
import { useAuthorizationFlow } from './authorization-flow';
import { scopeIds } from './grants-table-model';

// cds-wg1-02 §8.3: a needs_authorization Grant is authorized by sending the customer through the
// authorization endpoint with `cds_grant_id`. The authorization flow (authorization-flow.ts, shared
// with the customer data section) opens the system browser and waits for the redirect; no code or
// token reaches this view.

/** The scope a customer authorizes for this Grant: its first scope that takes user authorization. */
export function authorizationScopeOf(grant: GrantView, scopes: readonly ScopeView[]): string | null {
  const ids = scopeIds(grant.scope);
  return ids.find((id) => scopes.find((scope) => scope.id === id)?.userAuthorization) ?? ids[0] ?? null;
}

export function GrantAuthorize({
  serverId,
  serverName,
  grant,
  scopes,
  onAuthorized,
}: {
  readonly serverId: string;
  readonly serverName: string;
  readonly grant: GrantView;
  readonly scopes: readonly ScopeView[];
  readonly onAuthorized: () => void;
}) {
  const flow = useAuthorizationFlow(serverId, serverName, onAuthorized);
  const state = flow.state;
  const started = state.phase === 'waiting' || state.phase === 'completing' ? state.flow : null;
  const flowStatus = useAuthorizationStore((store) =>
    started ? (store.flowsById[started.flowId]?.status ?? 'waiting') : null,
  );
  const scopeId = authorizationScopeOf(grant, scopes);

  return (
    <section className="grant-block grant-authorize" aria-labelledby="grant-authorize-title">
      <h3 className="grant-block__title" id="grant-authorize-title">
        Customer authorization needed
      </h3>
      {started ? (
        <div className="grant-authorize__waiting" role="status">
          <Spinner label="Waiting for the customer" size="sm" />
          <div>
            <p>
              {flowStatus === 'waiting'
                ? 'Waiting for the customer to sign in and approve in the browser…'
                : `The authorization is ${flowStatus}.`}
            </p>
            <p className="muted">
              If the browser did not open,{' '}
              <ExternalLink href={started.url}>open the authorization page</ExternalLink>.
            </p>
          </div>
          <Button variant="secondary" size="sm" onPress={() => void flow.cancel()}>
            Cancel
          </Button>
        </div>
      ) : state.phase === 'done' ? (
        <p role="status">
          Authorized. {serverName} now reports this Grant as {state.authorization.status.replace(/_/g, ' ')}.
        </p>
      ) : (
        <>
          <p className="grant-block__text">
            {serverName} needs a customer to approve this Grant’s full scope. CDS Companion opens the Server’s
            authorization page in your browser, where the customer signs in and approves.
          </p>
          {state.phase === 'failed' ? (
            <ErrorState title="The authorization did not finish" failure={state.failure} />
          ) : null}
          <div className="grant-block__actions">
            <Button
              variant="primary"
              onPress={() => {
                if (scopeId !== null) void flow.begin({ scopeId, grantId: grant.grantId });
              }}
              isPending={state.phase === 'starting'}
              isDisabled={scopeId === null}
            >
              {state.phase === 'failed' ? 'Try again' : 'Authorize in the browser'}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
