import { useCallback, useState } from 'react';
import type { AuthorizationView } from '../../../../shared/ipc/authorization-contract';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { QueryView } from '../../components/query-view';
import { useServiceQuery } from '../../ipc/use-service-query';
import { useNavigationStore } from '../../stores/renderer-stores';
import { AuthorizationDialog } from './authorization-dialog';
import { AuthorizationList } from './authorization-list';
import { CustomerAccounts } from './customer-data-accounts';
import { DeviceKeyPanel } from './customer-data-device-key';
import type { ServerSectionProps } from './server-section-props';
import '../../styles/customer-data-settings.css';

/**
 * Customer data (issue #7 item 9): a customer authorizes access in their browser (cds-wg1-02 §8.3),
 * optionally with this computer's device key so the Server locks the data for it (cds-wg3-01 §7.4.6);
 * then their Accounts (cds-wg3-01 §10.1), decrypted here.
 */
export function CustomerDataSection({ server, overview, availableSections }: ServerSectionProps) {
  const openSection = useNavigationStore((state) => state.openSection);
  const registered = new Set(overview.registration?.scopes ?? []);
  const scopes = overview.scopes.filter(
    (scope) => scope.kind === 'customerData' && scope.userAuthorization && registered.has(scope.id),
  );
  const offered = overview.scopes.some((scope) => scope.kind === 'customerData');

  if (overview.registration === null || scopes.length === 0) {
    return (
      <EmptyState
        title={offered ? 'Register for customer data first' : `${overview.name} offers no customer data`}
        description={
          offered
            ? `To read a customer's data, your registration with ${overview.name} needs a customer data scope. Then a customer can authorize you in their browser.`
            : 'This Server does not describe any scope for customer data (cds-wg3-01).'
        }
        actions={
          offered && availableSections.includes('registration') ? (
            <Button variant="primary" onPress={() => openSection('registration')}>
              Go to Registration
            </Button>
          ) : undefined
        }
      />
    );
  }
  return <CustomerDataWorkspace serverId={server.id} serverName={overview.name} scopes={scopes} />;
}

function CustomerDataWorkspace({
  serverId,
  serverName,
  scopes,
}: {
  readonly serverId: string;
  readonly serverName: string;
  readonly scopes: ServerSectionProps['overview']['scopes'];
}) {
  const [isAuthorizeOpen, setAuthorizeOpen] = useState(false);
  const [chosenGrantId, setChosenGrantId] = useState<string | null>(null);
  const scopeIds = new Set(scopes.map((scope) => scope.id));
  const scopeNames = Object.fromEntries(scopes.map((scope) => [scope.id, scope.name]));
  const authorizations = useServiceQuery({
    key: `authorization.list:${serverId}`,
    load: (cds) => cds.authorization.list(serverId),
    watch: ['grants', 'keys'],
    serverId,
  });
  const onAuthorized = useCallback(
    (authorization: AuthorizationView) => {
      setChosenGrantId(authorization.grantId);
      authorizations.reload();
    },
    [authorizations.reload],
  );

  return (
    <div className="section-stack customer-data">
      <section className="panel" aria-labelledby="customer-authorizations">
        <div className="panel__header">
          <h2 className="panel__title" id="customer-authorizations">
            Customer authorizations
          </h2>
          <Button variant="primary" onPress={() => setAuthorizeOpen(true)}>
            Ask a customer for access…
          </Button>
        </div>
        <p className="panel__intro">
          A customer of {serverName} lets you read their data by signing in on {serverName}’s own page and
          approving. Each approval is an authorization; its data can be locked for this computer.
        </p>
        <QueryView
          query={authorizations.state}
          loadingLabel="Loading the authorizations"
          errorTitle="The authorizations could not be loaded"
          onRetry={authorizations.reload}
        >
          {(list) => {
            const customer = [...list]
              .filter((entry) => scopeIds.has(entry.scopeId))
              .sort((a, b) => b.authorizedAt.localeCompare(a.authorizedAt));
            if (customer.length === 0) {
              return (
                <EmptyState
                  headingLevel={3}
                  title="No customer has authorized you yet"
                  description="Press “Ask a customer for access…”: the customer’s browser opens at the Server’s sign-in page. For the demo utility, sign in as one of its test customers (for example bob, password bob-sandbox)."
                />
              );
            }
            const selected =
              customer.find((entry) => entry.grantId === chosenGrantId)?.grantId ??
              customer[0]?.grantId ??
              null;
            return (
              <>
                <AuthorizationList
                  authorizations={customer}
                  scopeNames={scopeNames}
                  selectedGrantId={selected}
                  onSelect={setChosenGrantId}
                />
                {selected ? (
                  <section className="customer-data__accounts" aria-labelledby="customer-accounts">
                    <h2 className="panel__title" id="customer-accounts">
                      Customer accounts
                    </h2>
                    <CustomerAccounts
                      serverId={serverId}
                      grantId={selected}
                      onAuthorizeAgain={() => setAuthorizeOpen(true)}
                    />
                  </section>
                ) : null}
              </>
            );
          }}
        </QueryView>
      </section>
      <DeviceKeyPanel serverId={serverId} serverName={serverName} />
      <AuthorizationDialog
        serverId={serverId}
        serverName={serverName}
        scopes={scopes}
        isOpen={isAuthorizeOpen}
        onOpenChange={setAuthorizeOpen}
        onAuthorized={onAuthorized}
      />
    </div>
  );
}
