import { useState } from 'react';
import type { GrantView } from '../../../../shared/ipc/grants-contract';
import type { ServerOverview } from '../../../../shared/ipc/servers-contract';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DateTime } from '../../components/date-time';
import { ErrorState } from '../../components/error-state';
import { Fact } from '../../components/fact';
import { Spinner } from '../../components/spinner';
import { showToast, useToastQueue } from '../../components/toast-region';
import { useCdsApi } from '../../ipc/cds-api-context';
import { callService } from '../../ipc/cds-client';
import { useServiceQuery } from '../../ipc/use-service-query';
import { GrantFilesList } from './files-grant-list';
import { GrantAccess } from './grants-access';
import { GrantAuthorize } from './grants-authorize';
import { GrantRelations } from './grants-relations';
import { GrantStatusChip } from './grants-status-chip';
import { canCloseGrant, scopeIds } from './grants-table-model';

// One Grant (cds-wg1-02 §8.1, §8.5): its status in plain words (§8.2), dates, requested against
// enabled access, related Grants, receipt codes, its files when it is a files Grant (§3.3.3), and
// what can be done with it: close it (§8.6) or have a customer authorize it (§8.3).

export function GrantDetails({
  serverId,
  serverName,
  overview,
  grantId,
  listed,
  onOpenGrant,
  onChanged,
}: {
  readonly serverId: string;
  readonly serverName: string;
  readonly overview: ServerOverview;
  readonly grantId: string;
  /** The Grant as the listing has it, shown at once while the full record (with relatives) loads. */
  readonly listed: GrantView | null;
  readonly onOpenGrant: (grantId: string) => void;
  /** The Grant changed (closed, authorized): the listing should load again. */
  readonly onChanged: () => void;
}) {
  const api = useCdsApi();
  const toasts = useToastQueue();
  const [closing, setClosing] = useState(false);
  const [closed, setClosed] = useState<GrantView | null>(null);
  // grants.get emits grants.changed itself, so it is not reloaded on that event.
  const detail = useServiceQuery({
    key: `grants.get:${serverId}:${grantId}`,
    load: (cds) => cds.grants.get(serverId, grantId),
    serverId,
  });
  const loaded = detail.state.status === 'ready' ? detail.state.value : null;
  const grant = closed?.grantId === grantId ? closed : (loaded ?? listed);

  if (grant === null) {
    if (detail.state.status === 'failed') {
      return (
        <ErrorState
          title={`Grant ${grantId} could not be loaded`}
          failure={detail.state.failure}
          onRetry={detail.reload}
          isRetrying={detail.state.isRetrying}
        />
      );
    }
    return (
      <div className="query-loading">
        <Spinner label={`Loading Grant ${grantId}`} />
        <span>Loading Grant {grantId}…</span>
      </div>
    );
  }

  const filesScopes = overview.scopes
    .filter((scope) => scope.kind === 'serverProvidedFiles')
    .map((s) => s.id);
  const isFilesGrant = scopeIds(grant.enabledScope || grant.scope).some((id) => filesScopes.includes(id));

  return (
    <div className="grant-details">
      <section
        className={`grant-status grant-status--${grant.accessible ? 'open' : 'shut'}`}
        aria-label="Status"
      >
        <GrantStatusChip status={grant.status} label={grant.statusLabel} />
        <p className="grant-status__text">{grant.statusExplanation}</p>
      </section>
      {detail.state.status === 'failed' ? (
        <ErrorState
          title="The latest state of this Grant could not be loaded"
          failure={detail.state.failure}
          onRetry={detail.reload}
          isRetrying={detail.state.isRetrying}
        />
      ) : null}
      {grant.status === 'needs_authorization' ? (
        <GrantAuthorize
          serverId={serverId}
          serverName={serverName}
          grant={grant}
          scopes={overview.scopes}
          onAuthorized={() => {
            detail.reload();
            onChanged();
          }}
        />
      ) : null}
      <dl className="facts grant-facts">
        <Fact term="Grant id">
          <span className="mono">{grant.grantId}</span>
        </Fact>
        <Fact term="Client Object">
          <span className="mono">{grant.clientId}</span>
        </Fact>
        <Fact term="Created">
          <DateTime value={grant.created} />
        </Fact>
        <Fact term="Last changed">
          <DateTime value={grant.modified} />
        </Fact>
        <Fact term="Access from">
          {grant.notBefore ? (
            <DateTime value={grant.notBefore} />
          ) : (
            <span className="muted">From the start</span>
          )}
        </Fact>
        <Fact term="Access until">
          {grant.notAfter ? <DateTime value={grant.notAfter} /> : <span className="muted">No end date</span>}
        </Fact>
        {grant.eta ? (
          <Fact term="Expected ready">
            <DateTime value={grant.eta} />
          </Fact>
        ) : null}
        {grant.expires ? (
          <Fact term="Record kept until">
            <DateTime value={grant.expires} />
          </Fact>
        ) : null}
        <Fact term="Receipt codes">
          {grant.receiptConfirmations.length === 0 ? (
            <span className="muted">None</span>
          ) : (
            <ul className="tag-list" aria-label="Receipt codes">
              {grant.receiptConfirmations.map((code) => (
                <li key={code} className="tag mono">
                  {code}
                </li>
              ))}
            </ul>
          )}
        </Fact>
      </dl>
      <GrantAccess grant={grant} scopes={overview.scopes} />
      <GrantRelations grant={grant} onOpen={onOpenGrant} />
      {isFilesGrant ? (
        <section className="grant-block" aria-labelledby="grant-files-title">
          <h3 className="grant-block__title" id="grant-files-title">
            Files shared with this Grant
          </h3>
          {grant.accessible ? (
            <GrantFilesList serverId={serverId} grantId={grant.grantId} />
          ) : (
            <p className="muted">This Grant no longer gives access to its files.</p>
          )}
        </section>
      ) : null}
      {canCloseGrant(grant) ? (
        <section className="grant-block grant-block--danger" aria-labelledby="grant-close-title">
          <h3 className="grant-block__title" id="grant-close-title">
            Close this Grant
          </h3>
          <p className="grant-block__text">
            Closing ends this Grant’s access for good; {serverName} keeps it listed as closed.
          </p>
          <div className="grant-block__actions">
            <Button variant="danger" onPress={() => setClosing(true)}>
              Close Grant…
            </Button>
          </div>
          <ConfirmDialog
            title={`Close Grant ${grant.grantId}?`}
            confirmLabel="Close the Grant"
            cancelLabel="Keep it"
            errorTitle="The Grant could not be closed"
            isOpen={closing}
            onOpenChange={setClosing}
            onConfirm={() => callService(api, (cds) => cds.grants.close(serverId, grant.grantId))}
            onDone={(value) => {
              setClosed(value);
              onChanged();
              showToast(toasts, {
                tone: 'success',
                title: `Grant ${value.grantId} closed`,
                description: `${serverName} now lists it as ${value.statusLabel.toLowerCase()}.`,
              });
            }}
          >
            <p>
              {serverName} will stop giving access through this Grant at once: data and files it covers can no
              longer be read with it. This cannot be undone; a new Grant would need the customer or the Server
              again.
            </p>
          </ConfirmDialog>
        </section>
      ) : null}
    </div>
  );
}
