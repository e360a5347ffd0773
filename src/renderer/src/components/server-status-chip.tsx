import type { ServerStatus } from '../../../shared/ipc/servers-contract';
import { StatusChip, type StatusTone } from './status-chip';

const presentation: Readonly<Record<ServerStatus, { tone: StatusTone; label: string }>> = {
  unknown: { tone: 'neutral', label: 'Not checked yet' },
  reachable: { tone: 'success', label: 'Reachable' },
  unreachable: { tone: 'warning', label: 'Unreachable' },
  error: { tone: 'danger', label: 'Error' },
};

/** A Server's connection status in words a person reads at a glance. */
export function ServerStatusChip({ status }: { readonly status: ServerStatus }) {
  const { tone, label } = presentation[status];
  return <StatusChip tone={tone}>{label}</StatusChip>;
}
