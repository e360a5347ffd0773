import { useState } from 'react';
import type { RegistrationResult } from '../../../../shared/ipc/registration-contract';
import type { ServerOverview } from '../../../../shared/ipc/servers-contract';
import { Button } from '../../components/button';
import { DateTime } from '../../components/date-time';
import { Fact } from '../../components/fact';
import { QueryView } from '../../components/query-view';
import { showToast, useToastQueue } from '../../components/toast-region';
import { useServiceQuery } from '../../ipc/use-service-query';
import { useNavigationStore } from '../../stores/renderer-stores';
import { RegistrationResultView } from './registration-result';
import { RegistrationTodos } from './registration-todos';
import { RegistrationWizard } from './registration-wizard';
import type { ServerSectionProps } from './server-section-props';
import { useOpenMessage } from './use-open-message';

/**
 * Registration: the wizard before registering, the result right after (Client Objects created and
 * to-dos), and afterwards the registration's details with its to-dos kept fresh from the Messages.
 */
export function RegistrationSection({ overview, reloadOverview, availableSections }: ServerSectionProps) {
  const toasts = useToastQueue();
  const openSection = useNavigationStore((state) => state.openSection);
  const openMessage = useOpenMessage(availableSections);
  const [result, setResult] = useState<RegistrationResult | null>(null);

  if (result) {
    return (
      <RegistrationResultView
        serverName={overview.name}
        result={result}
        scopeNames={Object.fromEntries(overview.scopes.map((scope) => [scope.id, scope.name]))}
        onOpenClients={() => openSection('clients')}
        {...(openMessage ? { onOpenMessage: openMessage } : {})}
      />
    );
  }
  if (overview.registration === null) {
    return (
      <RegistrationWizard
        overview={overview}
        onRegistered={(registered) => {
          setResult(registered);
          showToast(toasts, {
            tone: 'success',
            title: `Registered with ${overview.name}`,
            description: `${registered.clients.length} Client Objects created; ${registered.todos.length} to-do${registered.todos.length === 1 ? '' : 's'}.`,
          });
          reloadOverview();
        }}
      />
    );
  }
  return <Registered overview={overview} registration={overview.registration} openMessage={openMessage} />;
}

function Registered({
  overview,
  registration,
  openMessage,
}: {
  readonly overview: ServerOverview;
  readonly registration: NonNullable<ServerOverview['registration']>;
  readonly openMessage: ((messageId: string) => void) | undefined;
}) {
  const todos = useServiceQuery({
    key: `registration.todos:${overview.id}`,
    load: (cds) => cds.registration.todos(overview.id),
    watch: ['messages'],
    serverId: overview.id,
  });
  const scopeNames = registration.scopes.map(
    (id) => overview.scopes.find((scope) => scope.id === id)?.name ?? id,
  );
  return (
    <div className="section-stack">
      <section className="panel" aria-labelledby="registration-details">
        <h2 className="panel__title" id="registration-details">
          Your registration
        </h2>
        <dl className="facts">
          <Fact term="Registered">
            <DateTime value={registration.registeredAt} />
          </Fact>
          <Fact term="Client name">
            {registration.clientName ?? <span className="muted">Not given</span>}
          </Fact>
          <Fact term="Scopes">{scopeNames.join(', ')}</Fact>
          <Fact term="Admin Client ID" className="mono">
            {registration.adminClientId}
          </Fact>
        </dl>
      </section>
      <section className="panel" aria-labelledby="registration-todo-list">
        <div className="panel__header">
          <h2 className="panel__title" id="registration-todo-list">
            To-dos before production access
          </h2>
          <Button
            variant="quiet"
            size="sm"
            onPress={todos.reload}
            isPending={todos.state.status === 'ready' && todos.state.isRefreshing}
          >
            Refresh
          </Button>
        </div>
        <QueryView
          query={todos.state}
          loadingLabel="Checking the to-dos"
          errorTitle="The to-dos could not be checked"
          onRetry={todos.reload}
        >
          {(list) => (
            <RegistrationTodos todos={list} {...(openMessage ? { onOpenMessage: openMessage } : {})} />
          )}
        </QueryView>
      </section>
    </div>
  );
}
