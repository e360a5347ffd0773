import { StatusChip, type StatusTone } from '../../components/status-chip';
import { humanizeCode } from './cds-wording';

// cds-wg1-02 §5.2 Client Object statuses.
const presentation: Readonly<Record<string, { tone: StatusTone; label: string }>> = {
  sandbox: { tone: 'info', label: 'Sandbox' },
  production: { tone: 'success', label: 'Production' },
  disabled: { tone: 'neutral', label: 'Disabled' },
  suspended: { tone: 'danger', label: 'Suspended' },
  archived: { tone: 'neutral', label: 'Archived' },
};

/** A Client Object's status in words (§5.2), unknown statuses shown as given. */
export function ClientStatusChip({ status }: { readonly status: string }) {
  const { tone, label } = presentation[status] ?? { tone: 'neutral' as const, label: humanizeCode(status) };
  return <StatusChip tone={tone}>{label}</StatusChip>;
}
