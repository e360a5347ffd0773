import type { ScopeView } from '../../../../shared/ipc/servers-contract';
import { Checkbox } from '../../components/checkbox';
import { describeRequirement, scopeKindLabels, scopeKindPurposes } from './cds-wording';

type Kind = ScopeView['kind'];

// cds-wg1-02 §3.3: the Client Admin scope is always registered (the Companion adds it, §4.1);
// the kinds this app uses come first, scopes it cannot use last (with why).
const kindOrder: readonly Kind[] = [
  'clientAdmin',
  'customerData',
  'serverProvidedFiles',
  'grantAdmin',
  'unknown',
];

/** Scopes that go with a chosen one: the Grant Admin scope it names (§3.4 `grant_admin_scope`). */
export function withCompanions(scopes: readonly ScopeView[], chosen: readonly string[]): string[] {
  const result = new Set(chosen);
  for (const id of chosen) {
    const companion = scopes.find((scope) => scope.id === id)?.grantAdminScope;
    if (companion && scopes.some((scope) => scope.id === companion && scope.registrable))
      result.add(companion);
  }
  return scopes.filter((scope) => result.has(scope.id)).map((scope) => scope.id);
}

/** Why a scope cannot be chosen, or null when it can. */
export function unavailableReason(scope: ScopeView): string | null {
  if (!scope.registrable) return 'The Server does not accept registrations for this scope.';
  return null;
}

/**
 * Step 1 of registration: the scopes, grouped by what they give, each with its description and what
 * registering for it asks; the Client Admin scope is always on; scopes this app cannot use are
 * explained and may still be chosen when the Server requires them for something else.
 */
export function ScopePicker({
  scopes,
  selected,
  onChange,
}: {
  readonly scopes: readonly ScopeView[];
  readonly selected: readonly string[];
  readonly onChange: (selected: string[]) => void;
}) {
  const groups = kindOrder
    .map((kind) => ({ kind, scopes: scopes.filter((scope) => scope.kind === kind) }))
    .filter((group) => group.scopes.length > 0);

  const toggle = (scope: ScopeView, on: boolean) => {
    const next = on ? [...selected, scope.id] : selected.filter((id) => id !== scope.id);
    onChange(on ? withCompanions(scopes, next) : scopes.filter((s) => next.includes(s.id)).map((s) => s.id));
  };

  return (
    <div className="scope-picker">
      {groups.map((group) => (
        <fieldset key={group.kind} className="scope-group">
          <legend className="scope-group__title">{scopeKindLabels[group.kind]}</legend>
          <p className="scope-group__purpose">{scopeKindPurposes[group.kind]}</p>
          {group.scopes.map((scope) => {
            const isAdmin = scope.kind === 'clientAdmin';
            const reason = unavailableReason(scope);
            const asks = scope.requirements.map(describeRequirement);
            const companion = scope.grantAdminScope
              ? scopes.find((other) => other.id === scope.grantAdminScope)?.name
              : undefined;
            return (
              <Checkbox
                key={scope.id}
                value={scope.id}
                isSelected={isAdmin || selected.includes(scope.id)}
                isDisabled={isAdmin || reason !== null}
                onChange={(on) => toggle(scope, on)}
                description={
                  <>
                    {scope.description}
                    {isAdmin ? <span className="scope-option__note"> Always included.</span> : null}
                    {reason ? (
                      <span className="scope-option__note scope-option__note--warning"> {reason}</span>
                    ) : null}
                    {companion ? (
                      <span className="scope-option__note">
                        {' '}
                        Comes with {companion}, which manages its Grants.
                      </span>
                    ) : null}
                    {asks.length > 0 ? (
                      <span className="scope-option__asks">Asks for: {asks.join('; ')}.</span>
                    ) : null}
                  </>
                }
              >
                {scope.name}
              </Checkbox>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
