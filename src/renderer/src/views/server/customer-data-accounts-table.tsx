import { StatusChip, type StatusTone } from '../../components/status-chip';
import { humanizeCode } from './cds-wording';

// The Accounts of cds-wg3-01 §10.1.1 as a table a person scans: number, name, address, status and
// types. Unknown fields are ignored here (§10.1.1) and remain in the raw JSON view.

export type Account = Readonly<Record<string, unknown>>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const statusTones: Readonly<Record<string, StatusTone>> = {
  active: 'success',
  pending: 'info',
  inactive: 'neutral',
  closed: 'neutral',
};

/** Case-insensitive match over the fields a person recognises (the table's own filter). */
export function accountMatches(account: Account, needle: string): boolean {
  const query = needle.trim().toLowerCase();
  if (query === '') return true;
  return ['cds_account_id', 'account_number', 'account_name', 'account_address', 'customer_number'].some(
    (field) => text(account[field]).toLowerCase().includes(query),
  );
}

export function AccountsTable({
  accounts,
  caption,
}: {
  readonly accounts: readonly Account[];
  readonly caption: string;
}) {
  return (
    <div className="table-frame">
      <table className="table accounts-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead className="table__header">
          <tr>
            <th scope="col" className="table__column">
              Account
            </th>
            <th scope="col" className="table__column">
              Name and address
            </th>
            <th scope="col" className="table__column">
              Status
            </th>
            <th scope="col" className="table__column">
              Kind
            </th>
          </tr>
        </thead>
        <tbody className="table__body">
          {accounts.map((account, index) => {
            const id = text(account.cds_account_id) || `row-${index}`;
            const status = text(account.account_status);
            const types = Array.isArray(account.account_types) ? account.account_types.map(String) : [];
            const parent = text(account.cds_account_parent);
            return (
              <tr key={id} className="table__row" data-account-id={id}>
                <td className="table__cell">
                  <span className="mono">{text(account.account_number) || id}</span>
                  {parent ? <span className="accounts-table__sub">Part of {parent}</span> : null}
                </td>
                <td className="table__cell">
                  <span className="accounts-table__name">{text(account.account_name) || '—'}</span>
                  {text(account.account_address) ? (
                    <span className="accounts-table__sub">
                      {text(account.account_address).split('\n').join(', ')}
                    </span>
                  ) : null}
                </td>
                <td className="table__cell">
                  {status ? (
                    <StatusChip tone={statusTones[status] ?? 'neutral'}>{humanizeCode(status)}</StatusChip>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="table__cell">{types.length > 0 ? types.map(humanizeCode).join(', ') : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
