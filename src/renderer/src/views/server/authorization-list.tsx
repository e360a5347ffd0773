import type { AuthorizationView } from '../../../../shared/ipc/authorization-contract';
import { Button } from '../../components/button';
import { DateTime } from '../../components/date-time';
import { StatusChip, type StatusTone } from '../../components/status-chip';
import { humanizeCode } from './cds-wording';
import { shortKid } from './customer-data-device-key';

const statusTones: Readonly<Record<string, StatusTone>> = {
  active: 'success',
  needs_authorization: 'warning',
  expired: 'neutral',
  revoked: 'danger',
  closed: 'neutral',
};

/**
 * The authorizations made from this device (cds-wg1-02 §8.1 Grants): when, for what, whether the data
 * is locked for this device, and which one the accounts below come from.
 */
export function AuthorizationList({
  authorizations,
  scopeNames,
  selectedGrantId,
  onSelect,
}: {
  readonly authorizations: readonly AuthorizationView[];
  readonly scopeNames: Readonly<Record<string, string>>;
  readonly selectedGrantId: string | null;
  readonly onSelect: (grantId: string) => void;
}) {
  return (
    <div className="table-frame">
      <table className="table authorization-table">
        <caption className="visually-hidden">Authorizations made from this computer</caption>
        <thead className="table__header">
          <tr>
            <th scope="col" className="table__column">
              Authorized
            </th>
            <th scope="col" className="table__column">
              Data
            </th>
            <th scope="col" className="table__column">
              Status
            </th>
            <th scope="col" className="table__column">
              Locked for this computer
            </th>
            <th scope="col" className="table__column">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody className="table__body">
          {authorizations.map((entry) => {
            const selected = entry.grantId === selectedGrantId;
            return (
              <tr
                key={entry.grantId}
                className="table__row"
                aria-current={selected || undefined}
                data-grant-id={entry.grantId}
              >
                <td className="table__cell">
                  <DateTime value={entry.authorizedAt} />
                  <span className="accounts-table__sub mono">Grant {entry.grantId}</span>
                </td>
                <td className="table__cell">
                  {scopeNames[entry.scopeId] ?? entry.scopeId}
                  <span className="accounts-table__sub">
                    {entry.path === 'receipt' ? 'Confirmed with a code' : 'Came back to this app'}
                  </span>
                </td>
                <td className="table__cell">
                  <StatusChip tone={statusTones[entry.status] ?? 'neutral'}>
                    {humanizeCode(entry.status)}
                  </StatusChip>
                </td>
                <td className="table__cell">
                  {entry.kid ? (
                    <span title={entry.kid}>
                      Yes, key <span className="mono">{shortKid(entry.kid)}</span>
                    </span>
                  ) : (
                    <span className="muted">No</span>
                  )}
                </td>
                <td className="table__cell">
                  {selected ? (
                    <StatusChip tone="info">Shown below</StatusChip>
                  ) : (
                    <Button variant="secondary" size="sm" onPress={() => onSelect(entry.grantId)}>
                      Read data
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
