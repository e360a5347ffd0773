import { StatusChip } from '../../components/status-chip';
import { grantStatusTone } from './grants-table-model';

/** A Grant's status in words (cds-wg1-02 §8.2; the service's label), toned by whether access works. */
export function GrantStatusChip({ status, label }: { readonly status: string; readonly label: string }) {
  return <StatusChip tone={grantStatusTone(status)}>{label}</StatusChip>;
}
