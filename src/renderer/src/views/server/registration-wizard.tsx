import { useMemo, useState } from 'react';
import type { RegistrationResult } from '../../../../shared/ipc/registration-contract';
import type { RegistrationFieldView, ServerOverview } from '../../../../shared/ipc/servers-contract';
import { Button } from '../../components/button';
import { ErrorState } from '../../components/error-state';
import { QueryView } from '../../components/query-view';
import { TextField } from '../../components/text-field';
import { useCdsApi } from '../../ipc/cds-api-context';
import { callService } from '../../ipc/cds-client';
import type { ServiceFailure } from '../../ipc/service-failure';
import { useServiceQuery } from '../../ipc/use-service-query';
import { describeRequirement } from './cds-wording';
import { RegistrationFieldInput } from './registration-field-input';
import { RegistrationReview } from './registration-review';
import {
  checkAllValues,
  checkDetails,
  type FieldValue,
  type RegistrationDetails,
  toRegistrationInput,
} from './registration-values';
import { ScopePicker } from './scope-picker';

type Step = 'scopes' | 'details' | 'review';

const steps: readonly { id: Step; label: string }[] = [
  { id: 'scopes', label: 'Choose scopes' },
  { id: 'details', label: 'Fill in details' },
  { id: 'review', label: 'Review and register' },
];

/** The scopes picked at first: every compatible, registrable scope (a person narrows down from there). */
export function initialScopes(overview: ServerOverview): string[] {
  return overview.scopes.filter((scope) => scope.registrable && scope.compatible).map((scope) => scope.id);
}

/**
 * Registration (cds-wg1-02 §4): choose scopes, fill in the fields they ask for (§3.4–§3.7), review
 * everything that will be sent and the steps that follow, then register. Values are checked as the
 * person goes (the same rules as registration.validate), and by the service before review.
 */
export function RegistrationWizard({
  overview,
  onRegistered,
}: {
  readonly overview: ServerOverview;
  readonly onRegistered: (result: RegistrationResult) => void;
}) {
  const api = useCdsApi();
  const [step, setStep] = useState<Step>('scopes');
  const [scopes, setScopes] = useState<string[]>(() => initialScopes(overview));
  const [details, setDetails] = useState<RegistrationDetails>({ clientName: '', contacts: '' });
  const [values, setValues] = useState<Record<string, FieldValue>>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Readonly<Record<string, string>>>({});
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<{
    title: string;
    failure: ServiceFailure;
    retry: () => void;
  } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const chosenScopes = overview.scopes.filter(
    (scope) => scopes.includes(scope.id) || scope.kind === 'clientAdmin',
  );
  const scopeIds = chosenScopes.map((scope) => scope.id);
  const form = useServiceQuery({
    key: `registration.form:${overview.id}:${scopeIds.join(',')}`,
    load: (cds) => cds.registration.form(overview.id, scopeIds),
    enabled: step !== 'scopes',
  });
  const fields: readonly RegistrationFieldView[] = form.state.status === 'ready' ? form.state.value : [];
  const fieldErrors = useMemo(() => checkAllValues(fields, values), [fields, values]);
  const detailErrors = checkDetails(details);

  const errorFor = (id: string, clientError: string | undefined): string | null => {
    if (serverErrors[id]) return serverErrors[id] ?? null;
    return attempted || touched.has(id) ? (clientError ?? null) : null;
  };
  const touch = (id: string) => setTouched((current) => new Set(current).add(id));
  const setValue = (id: string, value: FieldValue) => {
    setValues((current) => ({ ...current, [id]: value }));
    setServerErrors(({ [id]: _cleared, ...rest }) => rest);
  };

  const blockingUnsupported = fields.filter(
    (field) => field.kind === 'input' && field.required && !field.supported,
  );
  const problemCount =
    Object.keys(fieldErrors).length + Object.keys(detailErrors).length + Object.keys(serverErrors).length;

  const validate = async () => {
    setAttempted(true);
    if (Object.keys(fieldErrors).length > 0 || Object.keys(detailErrors).length > 0) return;
    setChecking(true);
    setFailure(null);
    const input = toRegistrationInput(scopeIds, details, fields, values);
    const outcome = await callService(api, (cds) => cds.registration.validate(overview.id, input));
    setChecking(false);
    if (!outcome.ok) {
      setFailure({
        title: 'The details could not be checked',
        failure: outcome.failure,
        retry: () => void validate(),
      });
      return;
    }
    if (!outcome.value.valid) {
      setServerErrors(
        Object.fromEntries(outcome.value.errors.map((error) => [error.fieldId, error.message])),
      );
      return;
    }
    setStep('review');
  };

  const submit = async () => {
    setSubmitting(true);
    setFailure(null);
    const input = toRegistrationInput(scopeIds, details, fields, values);
    const outcome = await callService(api, (cds) => cds.registration.submit(overview.id, input));
    setSubmitting(false);
    if (outcome.ok) onRegistered(outcome.value);
    else
      setFailure({
        title: `Registering with ${overview.name} failed`,
        failure: outcome.failure,
        retry: () => void submit(),
      });
  };

  const stepIndex = steps.findIndex((entry) => entry.id === step);

  return (
    <section className="wizard panel" aria-labelledby="wizard-title">
      <h2 className="panel__title" id="wizard-title">
        Register with {overview.name}
      </h2>
      <ol className="wizard__steps" aria-label="Registration steps">
        {steps.map((entry, index) => (
          <li
            key={entry.id}
            className={`wizard__step${index === stepIndex ? ' wizard__step--current' : ''}${index < stepIndex ? ' wizard__step--done' : ''}`}
            aria-current={index === stepIndex ? 'step' : undefined}
          >
            <span className="wizard__step-number" aria-hidden="true">
              {index + 1}
            </span>
            {entry.label}
          </li>
        ))}
      </ol>

      {step === 'scopes' ? (
        <>
          <p className="panel__intro">
            Choose what your organisation needs. You can register for more later by registering again.
          </p>
          <ScopePicker scopes={overview.scopes} selected={scopes} onChange={setScopes} />
          <div className="wizard__actions">
            <Button variant="primary" onPress={() => setStep('details')}>
              Continue
            </Button>
          </div>
        </>
      ) : null}

      {step === 'details' ? (
        <QueryView
          query={form.state}
          loadingLabel="Loading the registration form"
          errorTitle="The registration form could not be prepared"
          onRetry={form.reload}
        >
          {(loaded) => (
            <form
              className="form wizard__form"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                void validate();
              }}
            >
              {attempted && problemCount > 0 ? (
                <p className="form__summary" role="alert">
                  {problemCount === 1 ? 'One field needs' : `${problemCount} fields need`} your attention
                  before you continue.
                </p>
              ) : null}
              <TextField
                label="Client name"
                description="Your organisation or app as customers and the Server will see it."
                value={details.clientName}
                onChange={(clientName) => setDetails((current) => ({ ...current, clientName }))}
                onBlur={() => touch('clientName')}
                isRequired
                errorMessage={errorFor('clientName', detailErrors.clientName)}
              />
              <TextField
                label="Contact emails (optional)"
                description="Where the Server may write about this registration; separate several with commas."
                type="text"
                value={details.contacts}
                onChange={(contacts) => setDetails((current) => ({ ...current, contacts }))}
                onBlur={() => touch('contacts')}
                errorMessage={errorFor('contacts', detailErrors.contacts)}
              />
              {loaded
                .filter((field) => field.kind === 'input')
                .map((field) => (
                  <RegistrationFieldInput
                    key={field.id}
                    field={field}
                    value={values[field.id]}
                    onChange={(value) => {
                      setValue(field.id, value);
                      if (typeof value !== 'string') touch(field.id);
                    }}
                    onBlur={() => touch(field.id)}
                    errorMessage={errorFor(field.id, fieldErrors[field.id])}
                  />
                ))}
              {loaded.some((field) => field.kind === 'after-registration') ? (
                <div className="wizard__after">
                  <h3 className="review__title">After you register, the Server will also ask for</h3>
                  <ul>
                    {loaded
                      .filter((field) => field.kind === 'after-registration')
                      .map((field) => (
                        <li key={field.id}>{describeRequirement(field)}</li>
                      ))}
                  </ul>
                </div>
              ) : null}
              {blockingUnsupported.length > 0 ? (
                <p className="form__summary" role="alert">
                  The chosen scopes need information this app cannot provide; go back and choose other scopes.
                </p>
              ) : null}
              {failure ? (
                <ErrorState
                  title={failure.title}
                  failure={failure.failure}
                  onRetry={failure.retry}
                  isRetrying={checking}
                />
              ) : null}
              <div className="wizard__actions">
                <Button variant="secondary" onPress={() => setStep('scopes')}>
                  Back
                </Button>
                <Button
                  variant="primary"
                  type="submit"
                  isPending={checking}
                  isDisabled={blockingUnsupported.length > 0}
                >
                  Continue to review
                </Button>
              </div>
            </form>
          )}
        </QueryView>
      ) : null}

      {step === 'review' ? (
        <>
          <RegistrationReview scopes={chosenScopes} details={details} fields={fields} values={values} />
          {failure ? (
            <ErrorState
              title={failure.title}
              failure={failure.failure}
              onRetry={failure.retry}
              isRetrying={submitting}
            />
          ) : null}
          <div className="wizard__actions">
            <Button variant="secondary" onPress={() => setStep('details')} isDisabled={submitting}>
              Back
            </Button>
            <Button variant="primary" onPress={() => void submit()} isPending={submitting}>
              Register
            </Button>
          </div>
        </>
      ) : null}
    </section>
  );
}
