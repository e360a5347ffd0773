import { type FormEvent, useState } from 'react';
import type { AccountsView } from '../../../../shared/ipc/data-contract';
import { Button } from '../../components/button';
import { Checkbox } from '../../components/checkbox';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { AlertIcon } from '../../components/icons';
import { QueryView } from '../../components/query-view';
import { StatusChip } from '../../components/status-chip';
import { TextField } from '../../components/text-field';
import type { ServiceFailure } from '../../ipc/service-failure';
import { useServiceQuery } from '../../ipc/use-service-query';
import { type Account, AccountsTable } from './customer-data-accounts-table';
import { isDecryptionFailure } from './customer-data-decryption';
import { shortKid } from './customer-data-device-key';

export const ACCOUNTS_PAGE_SIZE = 10;

/**
 * The customer's Accounts (cds-wg3-01 §10.1) of one authorization: searched on the Server (`q`,
 * §10.1.10), paged here, with a raw JSON view, the response headers (the decrypted ones when the
 * data was locked for this device) and a visible "decrypted on this device" mark.
 */
export function CustomerAccounts({
  serverId,
  grantId,
  onAuthorizeAgain,
}: {
  readonly serverId: string;
  readonly grantId: string;
  readonly onAuthorizeAgain: () => void;
}) {
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const accounts = useServiceQuery({
    key: `data.accounts:${serverId}:${grantId}:${search}`,
    load: (cds) => cds.data.accounts(serverId, { grantId, ...(search === '' ? {} : { q: search }) }),
    watch: ['grants'],
    serverId,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(draft.trim());
    setPage(0);
  };

  if (accounts.state.status === 'failed' && isDecryptionFailure(accounts.state.failure)) {
    return (
      <DecryptionFailed
        failure={accounts.state.failure}
        onRetry={accounts.reload}
        isRetrying={accounts.state.isRetrying}
        onAuthorizeAgain={onAuthorizeAgain}
      />
    );
  }

  return (
    <div className="accounts">
      <form className="accounts__search" onSubmit={submit}>
        <TextField
          label="Search accounts"
          description="Account number, name or address, as the Server matches them."
          value={draft}
          onChange={setDraft}
        />
        <Button type="submit" variant="secondary">
          Search
        </Button>
        {search !== '' ? (
          <Button
            variant="quiet"
            onPress={() => {
              setDraft('');
              setSearch('');
              setPage(0);
            }}
          >
            Show all
          </Button>
        ) : null}
      </form>
      <QueryView
        query={accounts.state}
        loadingLabel="Reading the customer’s accounts"
        errorTitle="The customer’s accounts could not be read"
        onRetry={accounts.reload}
      >
        {(view) => <AccountsResult view={view} search={search} page={page} onPage={setPage} />}
      </QueryView>
    </div>
  );
}

function AccountsResult({
  view,
  search,
  page,
  onPage,
}: {
  readonly view: AccountsView;
  readonly search: string;
  readonly page: number;
  readonly onPage: (page: number) => void;
}) {
  const [raw, setRaw] = useState(false);
  const total = view.accounts.length;
  const pages = Math.max(1, Math.ceil(total / ACCOUNTS_PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = view.accounts.slice(
    current * ACCOUNTS_PAGE_SIZE,
    (current + 1) * ACCOUNTS_PAGE_SIZE,
  ) as Account[];
  const first = total === 0 ? 0 : current * ACCOUNTS_PAGE_SIZE + 1;
  const last = current * ACCOUNTS_PAGE_SIZE + shown.length;

  return (
    <div className="accounts__result">
      <ProtectionMark view={view} />
      {total === 0 ? (
        <EmptyState
          headingLevel={3}
          title={search ? `No account matches “${search}”` : 'No accounts shared'}
          description={
            search
              ? 'Try another word, or show all the accounts the customer shared.'
              : 'The customer shared no account with this authorization.'
          }
        />
      ) : (
        <>
          <div className="accounts__bar">
            <p className="accounts__count" aria-live="polite">
              Showing {first}–{last} of {total} account{total === 1 ? '' : 's'}
              {search ? ` matching “${search}”` : ''}
            </p>
            <Checkbox isSelected={raw} onChange={setRaw}>
              Show raw JSON
            </Checkbox>
          </div>
          {raw ? (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
            <section className="accounts__json" tabIndex={0} aria-label="Accounts as JSON">
              <pre>{JSON.stringify(shown, null, 2)}</pre>
            </section>
          ) : (
            <AccountsTable accounts={shown} caption={`Accounts ${first} to ${last} of ${total}`} />
          )}
          {pages > 1 ? (
            <nav className="accounts__paging" aria-label="Account pages">
              <Button
                variant="secondary"
                size="sm"
                isDisabled={current === 0}
                onPress={() => onPage(current - 1)}
              >
                Previous
              </Button>
              <span>
                Page {current + 1} of {pages}
              </span>
              <Button
                variant="secondary"
                size="sm"
                isDisabled={current >= pages - 1}
                onPress={() => onPage(current + 1)}
              >
                Next
              </Button>
            </nav>
          ) : null}
        </>
      )}
      <ResponseHeaders view={view} />
    </div>
  );
}

/** The "decrypted on this device" mark: words and a lock shape, not colour alone. */
function ProtectionMark({ view }: { readonly view: AccountsView }) {
  return (
    <div
      className={`protection ${view.encrypted ? 'protection--locked' : 'protection--plain'}`}
      role="status"
      data-encrypted={view.encrypted}
    >
      <LockIcon open={!view.encrypted} />
      <div>
        <p className="protection__title">
          {view.encrypted ? 'Decrypted on this device' : 'Not locked for this device'}
        </p>
        <p className="protection__text">
          {view.encrypted
            ? `The Server locked this data for this computer’s key${view.kid ? ` ${shortKid(view.kid)}` : ''}; it was unlocked here and nowhere else.`
            : view.protection}
        </p>
      </div>
    </div>
  );
}

function LockIcon({ open }: { readonly open: boolean }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="22"
      height="22"
      aria-hidden="true"
      focusable="false"
      className="protection__icon"
    >
      <rect x="5" y="11" width="14" height="10" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
      <path
        d={open ? 'M8 11V7a4 4 0 0 1 7.5-2' : 'M8 11V7a4 4 0 0 1 8 0v4'}
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}

const headerOrder = ['Content-Type', 'X-Log-ID'];

function ResponseHeaders({ view }: { readonly view: AccountsView }) {
  return (
    <details className="accounts__headers">
      <summary>
        What the Server sent ({view.pages.length} response{view.pages.length === 1 ? '' : 's'}
        {view.encrypted ? ', headers decrypted here' : ''})
      </summary>
      <div className="table-frame">
        <table className="table">
          <caption className="visually-hidden">Responses of the Accounts API</caption>
          <thead className="table__header">
            <tr>
              <th scope="col" className="table__column">
                Response
              </th>
              <th scope="col" className="table__column">
                Status
              </th>
              <th scope="col" className="table__column">
                Locked
              </th>
              <th scope="col" className="table__column">
                Headers
              </th>
            </tr>
          </thead>
          <tbody className="table__body">
            {view.pages.map((page, index) => {
              const names = Object.keys(page.headers).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
              return (
                <tr key={page.url} className="table__row">
                  <td className="table__cell">
                    Page {index + 1}
                    <span className="accounts-table__sub mono">{page.url}</span>
                  </td>
                  <td className="table__cell mono">{page.status}</td>
                  <td className="table__cell">
                    {page.encrypted ? (
                      <StatusChip tone="success">Decrypted here</StatusChip>
                    ) : (
                      <StatusChip tone="neutral">Not locked</StatusChip>
                    )}
                  </td>
                  <td className="table__cell">
                    <dl className="headers-list">
                      {names.map((name) => (
                        <div key={name} className="headers-list__row">
                          <dt className="mono">{name}</dt>
                          <dd className="mono">{page.headers[name]}</dd>
                        </div>
                      ))}
                    </dl>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function rank(name: string): number {
  const index = headerOrder.findIndex((known) => known.toLowerCase() === name.toLowerCase());
  return index < 0 ? headerOrder.length : index;
}

/** cds-wg3-01 §7.4.6: the data came locked for this device but could not be unlocked here. */
function DecryptionFailed({
  failure,
  onRetry,
  isRetrying,
  onAuthorizeAgain,
}: {
  readonly failure: ServiceFailure;
  readonly onRetry: () => void;
  readonly isRetrying: boolean;
  readonly onAuthorizeAgain: () => void;
}) {
  return (
    <div className="decryption-failed">
      <section className="callout callout--warning" aria-labelledby="decryption-failed-title">
        <AlertIcon size={20} />
        <div>
          <p className="callout__title" id="decryption-failed-title">
            The data could not be decrypted on this device
          </p>
          <p className="callout__text">
            The Server sent the customer’s data locked, but this computer could not unlock it. Nothing from
            that answer is shown. This happens when the data was locked for a key this computer no longer has,
            or when the answer was changed on the way. Ask the customer to authorize again to use this
            computer’s current key.
          </p>
        </div>
      </section>
      <ErrorState title="What went wrong" failure={failure} onRetry={onRetry} isRetrying={isRetrying} />
      <div className="decryption-failed__actions">
        <Button variant="primary" onPress={onAuthorizeAgain}>
          Authorize again…
        </Button>
      </div>
    </div>
  );
}
