import type { GrantView } from '../../../../shared/ipc/grants-contract';
import type { StatusTone } from '../../components/status-chip';
import type { TableSort } from '../../components/virtual-table';

// What the Grants table shows (cds-wg1-02 §8.1, §8.2): a person's filter over the listing and its
// sort order, done here on the loaded listing so typing never waits for the Server.

export interface GrantFilter {
  /** A §8.2 status, or `all`. */
  readonly status: string;
  /** Words to find in the scope, the Client Object, the Grant id or a receipt code. */
  readonly text: string;
}

export const allStatuses = 'all';
export const defaultGrantFilter: GrantFilter = { status: allStatuses, text: '' };
export const defaultGrantSort: TableSort = { column: 'modified', direction: 'descending' };

export function filterGrants(grants: readonly GrantView[], filter: GrantFilter): GrantView[] {
  const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return grants.filter((grant) => {
    if (filter.status !== allStatuses && grant.status !== filter.status) return false;
    if (words.length === 0) return true;
    const haystack = [
      grant.scope,
      grant.enabledScope,
      grant.clientId,
      grant.grantId,
      grant.statusLabel,
      ...grant.receiptConfirmations,
    ]
      .join(' ')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

const sortValue: Readonly<Record<string, (grant: GrantView) => string>> = {
  status: (grant) => grant.statusLabel.toLowerCase(),
  scope: (grant) => grant.scope.toLowerCase(),
  client: (grant) => grant.clientId.toLowerCase(),
  created: (grant) => grant.created,
  modified: (grant) => grant.modified,
  notAfter: (grant) => grant.notAfter ?? '',
};

export function sortGrants(grants: readonly GrantView[], sort: TableSort): GrantView[] {
  const value = sortValue[sort.column] ?? sortValue.modified;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...grants].sort(
    (a, b) => sign * (value?.(a) ?? '').localeCompare(value?.(b) ?? '') || a.grantId.localeCompare(b.grantId),
  );
}

/** The statuses present in the listing, for the filter's choices (unknown ones included, §10). */
export function statusesIn(
  grants: readonly GrantView[],
): { readonly status: string; readonly label: string }[] {
  const seen = new Map<string, string>();
  for (const grant of grants) if (!seen.has(grant.status)) seen.set(grant.status, grant.statusLabel);
  return [...seen]
    .map(([status, label]) => ({ status, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

// cds-wg1-02 §8.2: the tone says whether access works (success), works with a caveat (warning,
// info) or is gone (neutral for ends a person chose or expected, danger for the Server's problems).
const tones: Readonly<Record<string, StatusTone>> = {
  active: 'success',
  future: 'info',
  pending: 'info',
  partial: 'warning',
  needs_authorization: 'warning',
  needs_sub_grants: 'warning',
  delayed: 'warning',
  stopped: 'warning',
  disabled: 'neutral',
  closed: 'neutral',
  expired: 'neutral',
  suspended: 'danger',
  revoked: 'danger',
  errored: 'danger',
};

export function grantStatusTone(status: string): StatusTone {
  return tones[status] ?? 'neutral';
}

/** §8.6: a Client may close a Grant unless it is already over for good. */
export function canCloseGrant(grant: GrantView): boolean {
  return !['closed', 'revoked', 'expired', 'disabled'].includes(grant.status);
}

/** The scope ids of a space-separated scope string. */
export function scopeIds(scope: string): string[] {
  return scope.split(/\s+/).filter(Boolean);
}
