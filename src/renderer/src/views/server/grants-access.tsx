import type { GrantView } from '../../../../shared/ipc/grants-contract';
import type { ScopeView } from '../../../../shared/ipc/servers-contract';
import { humanizeCode } from './cds-wording';
import { scopeIds } from './grants-table-model';

// cds-wg1-02 §8.1: what was asked for (`scope`, `authorization_details`) next to what the Server
// enabled (`enabled_scope`, `enabled_authorization_details`); a partial Grant differs (§8.2).

function scopeName(scopes: readonly ScopeView[], id: string): string {
  return scopes.find((scope) => scope.id === id)?.name ?? id;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(describeValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function DetailEntries({
  entries,
  scopes,
}: {
  readonly entries: readonly Record<string, unknown>[];
  readonly scopes: readonly ScopeView[];
}) {
  if (entries.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="detail-entries stack-list">
      {entries.map((entry, index) => (
        // Entries have no id of their own; their position is their identity here.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed for one Grant.
        <li key={index} className="detail-entries__item">
          <span className="detail-entries__type">
            {/* cds-wg1-02 §3.8: an entry's type is the id of the scope it details. */}
            {typeof entry.type === 'string' ? scopeName(scopes, entry.type) : 'Details'}
          </span>
          <dl className="detail-entries__fields">
            {Object.entries(entry)
              .filter(([key]) => key !== 'type')
              .map(([key, value]) => (
                <div key={key} className="detail-entries__field">
                  <dt>{humanizeCode(key)}</dt>
                  <dd>{describeValue(value)}</dd>
                </div>
              ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}

export function GrantAccess({
  grant,
  scopes,
}: {
  readonly grant: GrantView;
  readonly scopes: readonly ScopeView[];
}) {
  const requested = scopeIds(grant.scope);
  const enabled = new Set(scopeIds(grant.enabledScope));
  const all = [...requested, ...[...enabled].filter((id) => !requested.includes(id))];
  return (
    <section className="grant-block" aria-labelledby="grant-access-title">
      <h3 className="grant-block__title" id="grant-access-title">
        Requested and enabled access
      </h3>
      <table className="access-table">
        <caption className="visually-hidden">Scopes of this Grant, requested and enabled</caption>
        <thead>
          <tr>
            <th scope="col">Scope</th>
            <th scope="col">Requested</th>
            <th scope="col">Enabled</th>
          </tr>
        </thead>
        <tbody>
          {all.map((id) => (
            <tr key={id}>
              <th scope="row">
                <span className="access-scope__name">{scopeName(scopes, id)}</span>
                <span className="access-scope__id mono">{id}</span>
              </th>
              <td>{requested.includes(id) ? 'Yes' : 'No'}</td>
              <td className={enabled.has(id) ? 'access-table__yes' : 'access-table__no'}>
                {enabled.has(id) ? 'Yes' : 'Not yet'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {grant.authorizationDetails.length > 0 || grant.enabledAuthorizationDetails.length > 0 ? (
        <div className="access-details">
          <div>
            <h4 className="access-details__title">Details asked for</h4>
            <DetailEntries entries={grant.authorizationDetails} scopes={scopes} />
          </div>
          <div>
            <h4 className="access-details__title">Details enabled</h4>
            <DetailEntries entries={grant.enabledAuthorizationDetails} scopes={scopes} />
          </div>
        </div>
      ) : null}
    </section>
  );
}
