import { useEffect, useMemo, useState } from 'react';
import type { GrantView } from '../../../../shared/ipc/grants-contract';
import { Button } from '../../components/button';
import { DateTime } from '../../components/date-time';
import { Dialog } from '../../components/dialog';
import { EmptyState } from '../../components/empty-state';
import { QueryView } from '../../components/query-view';
import { type TableSort, type VirtualColumn, VirtualTable } from '../../components/virtual-table';
import { useServiceQuery } from '../../ipc/use-service-query';
import { useNavigationStore } from '../../stores/renderer-stores';
import { DataSectionHeader } from './data-section-header';
import { GrantDetails } from './grants-details';
import { GrantsFilterBar } from './grants-filter-bar';
import { GrantStatusChip } from './grants-status-chip';
import {
  defaultGrantFilter,
  defaultGrantSort,
  filterGrants,
  type GrantFilter,
  scopeIds,
  sortGrants,
  statusesIn,
} from './grants-table-model';
import type { ServerSectionProps } from './server-section-props';
import '../../styles/data-sections.css';

// Grants (cds-wg1-02 §8): every Grant this registration's Client Objects hold, found through the
// Grant Admin scope (§3.3.2), filtered and sorted here, each opening its details.

export function GrantsSection({ server, overview }: ServerSectionProps) {
  const focus = useNavigationStore((state) => (state.section === 'grants' ? state.focus : null));
  const openSection = useNavigationStore((state) => state.openSection);
  const [openGrantId, setOpenGrantId] = useState<string | null>(focus);
  const [filter, setFilter] = useState<GrantFilter>(defaultGrantFilter);
  const [sort, setSort] = useState<TableSort>(defaultGrantSort);
  useEffect(() => {
    if (focus !== null) setOpenGrantId(focus);
  }, [focus]);
  // grants.list emits grants.changed itself, so the listing reloads on a sync (servers.changed) and
  // after this section's own actions, never on its own area's event (which would reload forever).
  const grants = useServiceQuery({
    key: `grants.list:${server.id}`,
    load: (cds) => cds.grants.list(server.id),
    watch: ['servers'],
    serverId: server.id,
    enabled: overview.registration !== null,
  });
  const scopeNames = useMemo(
    () => new Map(overview.scopes.map((scope) => [scope.id, scope.name] as const)),
    [overview.scopes],
  );
  const nameOf = (grant: GrantView) =>
    scopeIds(grant.scope)
      .map((id) => scopeNames.get(id) ?? id)
      .join(', ') || 'No scope';

  if (overview.registration === null) {
    return (
      <EmptyState
        title="No Grants yet"
        description={`Grants give your Client Objects access to data and files. They appear here once you have registered with ${server.name}.`}
      />
    );
  }

  const columns: VirtualColumn<GrantView>[] = [
    { id: 'scope', label: 'Scope', isSortable: true, width: '26%', render: nameOf },
    {
      id: 'status',
      label: 'Status',
      isSortable: true,
      width: '17.5rem',
      render: (grant) => <GrantStatusChip status={grant.status} label={grant.statusLabel} />,
    },
    {
      id: 'client',
      label: 'Client Object',
      isSortable: true,
      render: (grant) => (
        <span className="mono cell-ellipsis" title={grant.clientId}>
          {grant.clientId}
        </span>
      ),
    },
    {
      id: 'created',
      label: 'Created',
      isSortable: true,
      width: '8.5rem',
      render: (grant) => <DateTime value={grant.created} dateOnly />,
    },
    {
      id: 'modified',
      label: 'Changed',
      isSortable: true,
      width: '8.5rem',
      render: (grant) => <DateTime value={grant.modified} dateOnly />,
    },
  ];

  return (
    <div className="section-stack">
      <DataSectionHeader title="Grants" onRefresh={grants.reload}>
        What {server.name} lets your Client Objects reach: customer data a customer authorized, files, and
        administration. Open a Grant to see what was asked for and what is enabled.
      </DataSectionHeader>
      <QueryView
        query={grants.state}
        loadingLabel="Loading Grants"
        errorTitle={`The Grants of ${server.name} could not be loaded`}
        onRetry={grants.reload}
      >
        {(list) => {
          if (list.length === 0) {
            return (
              <EmptyState
                title="No Grants yet"
                description={`${server.name} has not given this registration any Grants. They appear when a customer authorizes access or the Server shares files.`}
              />
            );
          }
          const statuses = statusesIn(list);
          if (filter.status !== 'all' && !statuses.some((entry) => entry.status === filter.status))
            statuses.push({ status: filter.status, label: filter.status.replace(/_/g, ' ') });
          const shown = sortGrants(filterGrants(list, filter), sort);
          return (
            <div className="section-stack section-stack--tight">
              <GrantsFilterBar
                filter={filter}
                statuses={statuses}
                onChange={setFilter}
                shown={shown.length}
                total={list.length}
              />
              {shown.length === 0 ? (
                <EmptyState
                  title="No Grants match"
                  description="Change the search words or choose another status."
                  actions={
                    <Button variant="secondary" onPress={() => setFilter(defaultGrantFilter)}>
                      Show all Grants
                    </Button>
                  }
                />
              ) : (
                <VirtualTable
                  label={`Grants of ${server.name}`}
                  rows={shown}
                  columns={columns}
                  rowKey={(grant) => grant.grantId}
                  sort={sort}
                  onSortChange={setSort}
                  rowAction={{
                    label: (grant) => `${nameOf(grant)}, Grant ${grant.grantId}`,
                    content: (grant) => (
                      <span className="cell-stack">
                        <span className="cell-stack__title">{nameOf(grant)}</span>
                        <span className="cell-stack__detail mono">Grant {grant.grantId}</span>
                      </span>
                    ),
                    onAction: (grant) => setOpenGrantId(grant.grantId),
                  }}
                />
              )}
            </div>
          );
        }}
      </QueryView>
      <Dialog
        title={openGrantId ? `Grant ${openGrantId}` : 'Grant'}
        size="lg"
        isOpen={openGrantId !== null}
        onOpenChange={(open) => {
          if (open) return;
          setOpenGrantId(null);
          // A link opened this Grant (a file's Grant, a notification): it is seen, forget it.
          if (focus !== null) openSection('grants');
        }}
      >
        {openGrantId ? (
          <GrantDetails
            key={openGrantId}
            serverId={server.id}
            serverName={server.name}
            overview={overview}
            grantId={openGrantId}
            listed={
              grants.state.status === 'ready'
                ? (grants.state.value.find((grant) => grant.grantId === openGrantId) ?? null)
                : null
            }
            onOpenGrant={setOpenGrantId}
            onChanged={grants.reload}
          />
        ) : null}
      </Dialog>
    </div>
  );
}
