import { type FormEvent, useEffect, useState } from 'react';
import type { AuthorizationForm, AuthorizationView } from '../../../../shared/ipc/authorization-contract';
import type { ScopeView } from '../../../../shared/ipc/servers-contract';
import { Button } from '../../components/button';
import { Checkbox } from '../../components/checkbox';
import { ChoiceGroup } from '../../components/choice-group';
import { Dialog, DialogActions } from '../../components/dialog';
import { ErrorState } from '../../components/error-state';
import { QueryView } from '../../components/query-view';
import { useServiceQuery } from '../../ipc/use-service-query';
import { AuthorizationDetailsForm } from './authorization-details-form';
import { type AuthorizationFlowControls, useAuthorizationFlow } from './authorization-flow';
import { buildDetails, type DetailInput, initialInputs } from './authorization-values';
import { AuthorizationWaiting } from './authorization-waiting';

/**
 * Asking a customer for access to their data (cds-wg1-02 §8.3): choose the scope, fill in the
 * authorization details the Server asks for, choose whether the data is locked for this device
 * (cds-wg3-01 §7.4.6) and how the browser comes back; then the customer signs in and approves on
 * the Server's own pages in the system browser.
 */
export function AuthorizationDialog({
  serverId,
  serverName,
  scopes,
  isOpen,
  onOpenChange,
  onAuthorized,
}: {
  readonly serverId: string;
  readonly serverName: string;
  /** The customer-data scopes this registration covers. */
  readonly scopes: readonly ScopeView[];
  readonly isOpen: boolean;
  readonly onOpenChange: (isOpen: boolean) => void;
  readonly onAuthorized: (authorization: AuthorizationView) => void;
}) {
  const flow = useAuthorizationFlow(serverId, serverName, onAuthorized);
  const inProgress =
    flow.state.phase === 'starting' || flow.state.phase === 'completing' || flow.state.phase === 'waiting';

  const close = (next: boolean) => {
    // Closing while the customer is still in the browser stops the flow: no listener is left behind.
    if (!next && inProgress) void flow.cancel();
    else if (!next) flow.reset();
    onOpenChange(next);
  };

  return (
    <Dialog
      title={`Ask a customer for access on ${serverName}`}
      isOpen={isOpen}
      onOpenChange={close}
      size="lg"
      isDismissable={!inProgress}
    >
      {flow.state.phase === 'idle' ||
      flow.state.phase === 'starting' ||
      (flow.state.phase === 'failed' && flow.state.flow === null) ? (
        <AuthorizationSetup
          serverId={serverId}
          serverName={serverName}
          scopes={scopes}
          flow={flow}
          onClose={() => close(false)}
        />
      ) : (
        <AuthorizationWaiting flow={flow} serverName={serverName} onClose={() => close(false)} />
      )}
    </Dialog>
  );
}

function AuthorizationSetup({
  serverId,
  serverName,
  scopes,
  flow,
  onClose,
}: {
  readonly serverId: string;
  readonly serverName: string;
  readonly scopes: readonly ScopeView[];
  readonly flow: AuthorizationFlowControls;
  readonly onClose: () => void;
}) {
  const [scopeId, setScopeId] = useState(scopes[0]?.id ?? '');
  const form = useServiceQuery({
    key: `authorization.form:${serverId}:${scopeId}`,
    load: (cds) => cds.authorization.form(serverId, scopeId),
    enabled: scopeId !== '',
  });
  return (
    <div className="authorize">
      {scopes.length > 1 ? (
        <ChoiceGroup
          label="Kind of data"
          orientation="vertical"
          choices={scopes.map((scope) => ({ value: scope.id, label: scope.name }))}
          value={scopeId}
          onChange={setScopeId}
        />
      ) : null}
      <QueryView
        query={form.state}
        loadingLabel="Loading the authorization form"
        errorTitle="The authorization form could not be loaded"
        onRetry={form.reload}
      >
        {(loaded) => (
          <SetupForm
            key={loaded.scopeId}
            form={loaded}
            serverName={serverName}
            flow={flow}
            onClose={onClose}
          />
        )}
      </QueryView>
    </div>
  );
}

function SetupForm({
  form,
  serverName,
  flow,
  onClose,
}: {
  readonly form: AuthorizationForm;
  readonly serverName: string;
  readonly flow: AuthorizationFlowControls;
  readonly onClose: () => void;
}) {
  const [inputs, setInputs] = useState<Record<string, DetailInput>>(() => initialInputs(form));
  const [problems, setProblems] = useState<Readonly<Record<string, string>>>({});
  const [encrypt, setEncrypt] = useState(form.jwkFieldId !== null);
  const [path, setPath] = useState<'loopback' | 'receipt'>('loopback');
  useEffect(() => setEncrypt(form.jwkFieldId !== null), [form.jwkFieldId]);
  const starting = flow.state.phase === 'starting';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildDetails(form, inputs);
    if (!built.ok) {
      setProblems(built.problems);
      return;
    }
    setProblems({});
    await flow.begin({ scopeId: form.scopeId, details: built.details, encrypt, path });
  };

  return (
    <form className="form authorize__form" onSubmit={(event) => void submit(event)}>
      <p className="authorize__intro">
        The customer’s browser opens at {serverName}’s sign-in page. They sign in there, check what you ask
        for ({form.scopeName}) and approve. CDS Companion never sees their password.
      </p>
      {form.clientId === null ? (
        <p className="authorize__note" role="status">
          None of your Client Objects can ask customers for access to this scope yet: check the Registration.
        </p>
      ) : null}
      <AuthorizationDetailsForm
        form={form}
        inputs={inputs}
        problems={problems}
        onChange={(fieldId, value) => setInputs((current) => ({ ...current, [fieldId]: value }))}
      />
      {form.jwkFieldId !== null ? (
        <div className="authorize__lock">
          <Checkbox
            isSelected={encrypt}
            onChange={setEncrypt}
            description="The Server locks the customer’s data with this computer’s device key before sending it. Only this computer can unlock it: the key that opens it never leaves this computer."
          >
            Lock the data for this computer (recommended)
          </Checkbox>
        </div>
      ) : null}
      <ChoiceGroup
        label="After the customer approves"
        orientation="vertical"
        value={path}
        onChange={(value) => setPath(value === 'receipt' ? 'receipt' : 'loopback')}
        choices={[
          { value: 'loopback', label: 'Come back to CDS Companion automatically (this computer’s browser)' },
          {
            value: 'receipt',
            label: 'Show a confirmation code on the Server’s page (any browser or device)',
          },
        ]}
      />
      {flow.state.phase === 'failed' ? (
        <ErrorState title="The authorization could not start" failure={flow.state.failure} />
      ) : null}
      <DialogActions>
        <Button variant="secondary" onPress={onClose} isDisabled={starting}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" isPending={starting}>
          Open the sign-in page
        </Button>
      </DialogActions>
    </form>
  );
}
