import type { ClientView } from '../../../../shared/ipc/clients-contract';
import type { CredentialView } from '../../../../shared/ipc/credentials-contract';
import { Button } from '../../components/button';
import { DateTime } from '../../components/date-time';
import { StatusChip } from '../../components/status-chip';
import { isRotationRunning, rotationOf } from '../../stores/credential-rotations-store';
import { useCredentialRotationsStore, useRendererStores } from '../../stores/renderer-stores';
import { describeExpiry } from './credentials-expiry';
import { RotationProgress } from './credentials-rotation-progress';

// One Client Object's Credentials (cds-wg1-02 §7.1, §7.3): which secret CDS Companion uses, how long
// each has left, and the two things a person does with them: rotate, or expire one that leaked.

function CredentialStatus({ credential }: { readonly credential: CredentialView }) {
  if (credential.expired) return <StatusChip tone="neutral">Expired</StatusChip>;
  if (credential.active) return <StatusChip tone="success">In use</StatusChip>;
  return <StatusChip tone="info">Spare</StatusChip>;
}

export function CredentialsClientPanel({
  serverId,
  clientId,
  client,
  scopeNames,
  credentials,
  now,
  onRotate,
  onExpire,
}: {
  readonly serverId: string;
  readonly clientId: string;
  readonly client: ClientView | null;
  /** Scope id → its name from the Server's metadata, to say what each Client Object is for. */
  readonly scopeNames: ReadonlyMap<string, string>;
  readonly credentials: readonly CredentialView[];
  readonly now: number;
  readonly onRotate: (clientId: string) => void;
  readonly onExpire: (credential: CredentialView) => void;
}) {
  const stores = useRendererStores();
  const rotation = useCredentialRotationsStore((state) => rotationOf(state, serverId, clientId));
  const running = isRotationRunning(rotation);
  // Every Client Object of a registration usually carries the same client name: what tells them apart
  // is the scope each serves (cds-wg1-02 §5.1).
  const purpose = client ? client.scopes.map((scope) => scopeNames.get(scope) ?? scope).join(', ') : '';
  const title = purpose || client?.name || clientId;
  const headingId = `credentials-${clientId}`;
  return (
    <section className="panel credentials-panel" aria-labelledby={headingId} data-client-id={clientId}>
      <header className="credentials-panel__header">
        <div>
          <h3 className="credentials-panel__title" id={headingId}>
            {title}
          </h3>
          <p className="credentials-panel__meta">
            {client?.name ? `${client.name} · ` : null}
            Client Object <span className="mono">{clientId}</span>
          </p>
        </div>
        <Button
          variant="secondary"
          size="sm"
          onPress={() => onRotate(clientId)}
          isPending={running}
          aria-label={`Rotate the secret of ${title}`}
        >
          Rotate secret
        </Button>
      </header>
      {rotation ? (
        <RotationProgress
          rotation={rotation}
          onDismiss={() => stores.credentialRotations.getState().dismiss(serverId, clientId)}
          onRetry={() => onRotate(clientId)}
        />
      ) : null}
      <table className="credentials-table" aria-label={`Secrets of ${title}`}>
        <thead>
          <tr>
            <th scope="col">Secret</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">Expiry</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {credentials.map((credential) => {
            const expiry = describeExpiry(credential, now);
            const expiresAtIso =
              credential.expiresAt && credential.expiresAt > 0
                ? new Date(credential.expiresAt * 1000).toISOString()
                : null;
            return (
              <tr key={credential.credentialId} data-credential-id={credential.credentialId}>
                <th scope="row" className="mono">
                  {credential.credentialId}
                </th>
                <td>
                  <CredentialStatus credential={credential} />
                </td>
                <td>
                  <DateTime value={credential.created} />
                </td>
                <td>
                  <span className={`expiry expiry--${expiry.tone}`}>{expiry.text}</span>
                  {expiresAtIso && !credential.expired ? (
                    <span className="expiry__at">
                      {' '}
                      (<DateTime value={expiresAtIso} />)
                    </span>
                  ) : null}
                </td>
                <td className="credentials-table__actions">
                  {credential.expired ? null : (
                    <Button
                      variant="quiet"
                      size="sm"
                      onPress={() => onExpire(credential)}
                      aria-label={`Expire secret ${credential.credentialId}`}
                    >
                      Expire…
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
