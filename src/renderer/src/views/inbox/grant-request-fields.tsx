import type { ClientView } from '../../../../shared/ipc/clients-contract';
import type { ScopeView } from '../../../../shared/ipc/servers-contract';
import { Checkbox } from '../../components/checkbox';
import { ChoiceGroup } from '../../components/choice-group';
import { TextAreaField } from '../../components/text-area-field';
import { TextField } from '../../components/text-field';
import type { ComposeDraft, ComposeErrors, GrantDraft } from './compose-model';

const otherClient = '__other__';

/** Scopes a Grant can be asked for: not the registration's own admin scopes (cds-wg1-02 §3.3). */
export function grantableScopes(scopes: readonly ScopeView[]): readonly ScopeView[] {
  return scopes.filter((scope) => scope.kind !== 'clientAdmin' && scope.kind !== 'grantAdmin');
}

/**
 * The grant_request form (cds-wg1-02 §6.6, §6.9): which Client Object receives the Grants (one of
 * ours for a "self" grant, or another organisation's `cds_client_uri` for a third-party grant), and
 * the scopes asked for, each with optional authorization details (RFC 9396) when the scope alone
 * does not say enough.
 */
export function GrantRequestFields({
  draft,
  errors,
  clients,
  scopes,
  onChange,
}: {
  readonly draft: ComposeDraft;
  readonly errors: ComposeErrors;
  readonly clients: readonly ClientView[];
  readonly scopes: readonly ScopeView[];
  readonly onChange: (patch: Partial<ComposeDraft>) => void;
}) {
  const receivers = clients.filter((client) => !client.admin);
  const choice =
    draft.clientId ?? (draft.otherClientUri.length > 0 || receivers.length === 0 ? otherClient : null);
  const offered = grantableScopes(scopes);
  const chosen = new Map(draft.grants.map((grant) => [grant.scope, grant]));

  const toggle = (scope: string, on: boolean) => {
    const next: GrantDraft[] = on
      ? [...draft.grants, { scope, details: '' }]
      : draft.grants.filter((grant) => grant.scope !== scope);
    onChange({ grants: next });
  };
  const setDetails = (scope: string, details: string) =>
    onChange({
      grants: draft.grants.map((grant) => (grant.scope === scope ? { ...grant, details } : grant)),
    });

  return (
    <>
      <ChoiceGroup
        label="Client Object to receive the Grants"
        orientation="vertical"
        value={choice}
        errorMessage={errors.client ?? null}
        choices={[
          ...receivers.map((client) => ({
            value: client.clientId,
            label: `${client.name} (${client.scope})`,
          })),
          { value: otherClient, label: 'Another organisation’s Client Object' },
        ]}
        onChange={(value) =>
          onChange(value === otherClient ? { clientId: null } : { clientId: value, otherClientUri: '' })
        }
      />
      {choice === otherClient ? (
        <TextField
          label="Its Client Object address (cds_client_uri)"
          placeholder="https://utility.example/cds-api/v1/clients/…"
          value={draft.otherClientUri}
          onChange={(otherClientUri) => onChange({ otherClientUri })}
          description="The organisation you work with gives you this address."
        />
      ) : null}
      <fieldset className="grant-scopes" aria-describedby="grant-scopes-help">
        <legend className="text-field__label">Scopes to request</legend>
        {offered.length === 0 ? (
          <p className="muted">This Server lists no scope a Grant can be asked for.</p>
        ) : (
          offered.map((scope) => {
            const grant = chosen.get(scope.id);
            return (
              <div key={scope.id} className="grant-scopes__item">
                <Checkbox
                  isSelected={grant !== undefined}
                  onChange={(on) => toggle(scope.id, on)}
                  description={scope.description || undefined}
                >
                  {scope.name || scope.id} <code className="grant-scopes__id">{scope.id}</code>
                </Checkbox>
                {grant ? (
                  <TextAreaField
                    label={`Authorization details for ${scope.id} (optional)`}
                    description="A JSON list of objects with a “type”, only when the scope alone is not enough (RFC 9396)."
                    rows={3}
                    monospace
                    value={grant.details}
                    onChange={(details) => setDetails(scope.id, details)}
                  />
                ) : null}
              </div>
            );
          })
        )}
        <p id="grant-scopes-help" className="text-field__description">
          The Server reviews the request and answers with a status update; approved Grants appear under
          Grants.
        </p>
        {errors.grants ? (
          <p className="text-field__error" role="alert">
            {errors.grants}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}
