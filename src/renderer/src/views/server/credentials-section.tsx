import { useMemo, useState } from 'react';
import type { CredentialView } from '../../../../shared/ipc/credentials-contract';
import { EmptyState } from '../../components/empty-state';
import { QueryView } from '../../components/query-view';
import { useServiceQuery } from '../../ipc/use-service-query';
import { useAppStore } from '../../stores/renderer-stores';
import { CredentialsClientPanel } from './credentials-client-panel';
import { ExpireCredentialDialog } from './credentials-expire-dialog';
import { useNow } from './credentials-expiry';
import { useRotateCredential } from './credentials-rotate';
import { RotationSchedule } from './credentials-schedule';
import { DataSectionHeader } from './data-section-header';
import type { ServerSectionProps } from './server-section-props';
import '../../styles/data-sections.css';

// Credentials (cds-wg1-02 §7): the secrets of this registration's Client Objects, grouped by Client
// Object, without the secrets themselves (they live in the vault only; SECURITY.md).

/** Credentials grouped by Client Object, in the order the Server listed them (§7.3). */
export function groupByClient(credentials: readonly CredentialView[]): Map<string, CredentialView[]> {
  const groups = new Map<string, CredentialView[]>();
  for (const credential of credentials) {
    const list = groups.get(credential.clientId) ?? [];
    list.push(credential);
    groups.set(credential.clientId, list);
  }
  return groups;
}

export function CredentialsSection({ server, overview }: ServerSectionProps) {
  const now = useNow();
  const vault = useAppStore((state) => (state.load.phase === 'ready' ? state.load.info.vault : null));
  const rotate = useRotateCredential(server.id, server.name);
  const [expiring, setExpiring] = useState<CredentialView | null>(null);
  const scopeNames = useMemo(
    () => new Map(overview.scopes.map((scope) => [scope.id, scope.name] as const)),
    [overview.scopes],
  );
  // credentials.list and clients.list emit their own change events; the listing reloads on a sync
  // (servers.changed) and after this section's actions instead.
  const data = useServiceQuery({
    key: `credentials.list:${server.id}`,
    load: async (cds) => {
      const [credentials, clients] = await Promise.all([
        cds.credentials.list(server.id),
        cds.clients.list(server.id),
      ]);
      return { credentials, clients };
    },
    watch: ['servers'],
    serverId: server.id,
    enabled: overview.registration !== null,
  });

  if (overview.registration === null) {
    return (
      <EmptyState
        title="No secrets yet"
        description={`Each Client Object gets a secret when you register with ${server.name}; they appear here afterwards.`}
      />
    );
  }

  const runRotation = (clientId: string) => {
    void rotate(clientId).then(data.reload);
  };

  return (
    <div className="section-stack">
      <DataSectionHeader title="Credentials" onRefresh={data.reload}>
        Each Client Object signs in to {server.name} with a secret.{' '}
        {vault
          ? `CDS Companion keeps the secrets in ${vault.persistent ? 'the secret store' : 'memory only'} and never shows them.`
          : 'CDS Companion keeps the secrets to itself and never shows them.'}{' '}
        Rotate a secret before it expires; expire one that may have leaked.
      </DataSectionHeader>
      <RotationSchedule />
      <QueryView
        query={data.state}
        loadingLabel="Loading the secrets"
        errorTitle={`The secrets of ${server.name} could not be loaded`}
        onRetry={data.reload}
      >
        {({ credentials, clients }) => {
          if (credentials.length === 0) {
            return (
              <EmptyState
                title="No secrets listed"
                description={`${server.name} lists no Credentials for this registration. Sync the Server to check again.`}
              />
            );
          }
          const groups = groupByClient(credentials);
          return (
            <div className="section-stack">
              {[...groups].map(([clientId, list]) => (
                <CredentialsClientPanel
                  key={clientId}
                  serverId={server.id}
                  clientId={clientId}
                  client={clients.find((client) => client.clientId === clientId) ?? null}
                  scopeNames={scopeNames}
                  credentials={list}
                  now={now}
                  onRotate={runRotation}
                  onExpire={setExpiring}
                />
              ))}
            </div>
          );
        }}
      </QueryView>
      <ExpireCredentialDialog
        serverId={server.id}
        serverName={server.name}
        credential={expiring}
        onOpenChange={(open) => {
          if (!open) setExpiring(null);
        }}
        onExpired={data.reload}
      />
    </div>
  );
}
