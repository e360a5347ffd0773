import type { RegistrationResult } from '../../../../shared/ipc/registration-contract';
import { Button } from '../../components/button';
import { AlertIcon } from '../../components/icons';
import { ClientStatusChip } from './client-status-chip';
import { RegistrationTodos } from './registration-todos';

/**
 * After `registration.submit`: the Client Objects the Server created (cds-wg1-02 §4.2) and the steps
 * left before production access (§3.6), with their links. Problems syncing afterwards are shown
 * plainly: the registration itself stands.
 */
export function RegistrationResultView({
  serverName,
  result,
  scopeNames,
  onOpenClients,
  onOpenMessage,
}: {
  readonly serverName: string;
  readonly result: RegistrationResult;
  /** Scope names by id, from the Server's metadata. */
  readonly scopeNames: Readonly<Record<string, string>>;
  readonly onOpenClients: () => void;
  readonly onOpenMessage?: (messageId: string) => void;
}) {
  return (
    <div className="section-stack" aria-live="polite">
      <section className="callout callout--success" aria-labelledby="registration-done">
        <div className="callout__body">
          <h2 className="callout__title" id="registration-done">
            You are registered with {serverName}
          </h2>
          <p className="callout__text">
            The Server created {result.clients.length} Client Object{result.clients.length === 1 ? '' : 's'}.
            Their secrets are stored safely on this computer.
          </p>
        </div>
        <Button variant="primary" onPress={onOpenClients}>
          Open Client Objects
        </Button>
      </section>
      {result.warnings.length > 0 ? (
        <div className="callout callout--warning" role="status">
          <AlertIcon size={20} />
          <div>
            <p className="callout__title">Registered, but some details could not be fetched yet</p>
            <ul className="callout__list">
              {result.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      <section className="panel" aria-labelledby="registration-clients">
        <h2 className="panel__title" id="registration-clients">
          Client Objects created
        </h2>
        <ul className="created-clients">
          {result.clients.map((client) => (
            <li key={client.clientId} className="created-client">
              <span className="created-client__name">{client.name}</span>
              <ClientStatusChip status={client.status} />
              <span className="created-client__scope">{scopeNames[client.scope] ?? client.scope}</span>
              <span className="mono created-client__id">{client.clientId}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-labelledby="registration-todos">
        <h2 className="panel__title" id="registration-todos">
          To-dos before production access
        </h2>
        <RegistrationTodos todos={result.todos} {...(onOpenMessage ? { onOpenMessage } : {})} />
      </section>
    </div>
  );
}
