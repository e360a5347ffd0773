import { type FormEvent, useState } from 'react';
import type {
  ClientChanges,
  ClientDetail,
  ClientUpdateResult,
} from '../../../../shared/ipc/clients-contract';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { ErrorState } from '../../components/error-state';
import { TextField } from '../../components/text-field';
import type { ServiceOutcome } from '../../ipc/cds-client';
import type { ServiceFailure } from '../../ipc/service-failure';
import { isValidWebUrl } from './registration-values';

/** Why a redirect URI cannot be added, or null (absolute https, or http on loopback: RFC 8252 §7.3). */
export function redirectUriProblem(value: string, existing: readonly string[]): string | null {
  const uri = value.trim();
  if (uri === '') return 'Enter a redirect URI.';
  if (!isValidWebUrl(uri)) return 'Enter a full address starting with https://.';
  const url = new URL(uri);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol === 'http:' && !loopback) return 'Use https:// (plain http is only for this computer).';
  if (url.hash !== '') return 'A redirect URI cannot contain a # fragment.';
  if (existing.includes(uri)) return 'This redirect URI is already listed.';
  return null;
}

/**
 * The Client Object's redirect URIs (cds-wg1-02 §5.1 `redirect_uris`): add one, remove one, or reset
 * to the Server's default (§5.5: leaving `redirect_uris` out of the update puts the default back).
 */
export function RedirectUrisEditor({
  client,
  update,
}: {
  readonly client: ClientDetail;
  readonly update: (changes: ClientChanges, done: string) => Promise<ServiceOutcome<ClientUpdateResult>>;
}) {
  const [draft, setDraft] = useState('');
  const [touched, setTouched] = useState(false);
  const [pending, setPending] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ failure: ServiceFailure; retry: () => void } | null>(null);
  const [isResetOpen, setResetOpen] = useState(false);
  const problem = redirectUriProblem(draft, client.redirectUris);

  const run = async (key: string, changes: ClientChanges, done: string): Promise<boolean> => {
    setPending(key);
    setFailure(null);
    const outcome = await update(changes, done);
    setPending(null);
    if (!outcome.ok) setFailure({ failure: outcome.failure, retry: () => void run(key, changes, done) });
    return outcome.ok;
  };

  const add = async (event?: FormEvent) => {
    event?.preventDefault();
    setTouched(true);
    if (problem) return;
    const uri = draft.trim();
    if (await run('add', { addRedirectUris: [uri] }, 'Redirect URI added')) {
      setDraft('');
      setTouched(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={`redirects-${client.clientId}`}>
      <h3 className="panel__title" id={`redirects-${client.clientId}`}>
        Redirect URIs
      </h3>
      <p className="panel__intro">
        Where the Server may send customers back after they authorize access.
        {client.defaultRedirectUri ? ' The Server’s default is marked.' : ''}
      </p>
      {client.redirectUris.length === 0 ? (
        <p className="muted">No redirect URIs.</p>
      ) : (
        <ul className="uri-list" aria-label="Redirect URIs">
          {client.redirectUris.map((uri) => (
            <li key={uri} className="uri-list__item">
              <span className="mono uri-list__uri">{uri}</span>
              {uri === client.defaultRedirectUri ? <span className="tag">Server default</span> : null}
              <Button
                variant="quiet"
                size="sm"
                aria-label={`Remove ${uri}`}
                isPending={pending === `remove:${uri}`}
                isDisabled={pending !== null}
                onPress={() =>
                  void run(`remove:${uri}`, { removeRedirectUris: [uri] }, 'Redirect URI removed')
                }
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form className="uri-add" onSubmit={(event) => void add(event)} noValidate>
        <TextField
          label="Add a redirect URI"
          type="url"
          value={draft}
          onChange={setDraft}
          onBlur={() => draft.trim() !== '' && setTouched(true)}
          placeholder="https://app.example/callback"
          inputClassName="mono"
          errorMessage={touched ? problem : null}
          isDisabled={pending !== null}
        />
        <Button
          variant="secondary"
          type="submit"
          isPending={pending === 'add'}
          isDisabled={pending !== null && pending !== 'add'}
        >
          Add
        </Button>
      </form>
      <div className="panel__footer">
        <Button variant="quiet" size="sm" onPress={() => setResetOpen(true)} isDisabled={pending !== null}>
          Reset to the Server’s default
        </Button>
      </div>
      {failure ? (
        <ErrorState
          title="The redirect URIs could not be changed"
          failure={failure.failure}
          onRetry={failure.retry}
        />
      ) : null}
      <Dialog title="Reset the redirect URIs?" size="sm" isOpen={isResetOpen} onOpenChange={setResetOpen}>
        {(close) => (
          <>
            <p>
              Every redirect URI listed here is replaced by the Server’s default
              {client.defaultRedirectUri ? (
                <>
                  {' '}
                  (<span className="mono">{client.defaultRedirectUri}</span>)
                </>
              ) : null}
              .
            </p>
            <DialogActions>
              <Button variant="secondary" onPress={close}>
                Cancel
              </Button>
              <Button
                variant="primary"
                isPending={pending === 'reset'}
                onPress={() =>
                  void run(
                    'reset',
                    { resetRedirectUris: true },
                    'Redirect URIs reset to the Server’s default',
                  ).then((ok) => ok && close())
                }
              >
                Reset
              </Button>
            </DialogActions>
          </>
        )}
      </Dialog>
    </section>
  );
}
