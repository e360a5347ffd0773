import { Button } from '../../components/button';
import { AlertIcon } from '../../components/icons';
import { Spinner } from '../../components/spinner';
import { describeFailureContext } from '../../ipc/service-failure';
import {
  type CredentialRotation,
  type RotationStepState,
  rotationSteps,
} from '../../stores/credential-rotations-store';

// The rotation's four steps (SECURITY.md "secret rotation"; cds-wg1-02 §7.5, §7.6) as a checklist,
// then the outcome: done, done with the old secret still to expire, or stopped at a named step.

const stateWords: Readonly<Record<RotationStepState, string>> = {
  waiting: 'waiting',
  running: 'in progress',
  done: 'done',
  failed: 'failed',
  warning: 'not finished',
  'not-run': 'not run',
};

function StepMark({ state }: { readonly state: RotationStepState }) {
  if (state === 'running') return <Spinner label="In progress" size="sm" />;
  const symbol = state === 'done' ? '✓' : state === 'failed' ? '✕' : state === 'warning' ? '!' : '';
  return (
    <span className={`rotation-step__mark rotation-step__mark--${state}`} aria-hidden="true">
      {symbol}
    </span>
  );
}

export function RotationProgress({
  rotation,
  onDismiss,
  onRetry,
}: {
  readonly rotation: CredentialRotation;
  readonly onDismiss: () => void;
  readonly onRetry: () => void;
}) {
  const steps = rotationSteps(rotation);
  const running = rotation.phase === 'running' || rotation.phase === 'secret-saved';
  const context = rotation.failure ? describeFailureContext(rotation.failure) : null;
  return (
    <section
      className={`rotation rotation--${rotation.phase}`}
      aria-label="Secret rotation"
      aria-busy={running || undefined}
    >
      <ol className="rotation__steps stack-list">
        {steps.map((step) => (
          <li key={step.id} className={`rotation-step rotation-step--${step.state}`}>
            <StepMark state={step.state} />
            <span className="rotation-step__label">{step.label}</span>
            <span className="rotation-step__state">{stateWords[step.state]}</span>
          </li>
        ))}
      </ol>
      <div className="rotation__outcome" role="status">
        {rotation.phase === 'succeeded' && rotation.result ? (
          <p>
            <strong>Secret rotated.</strong> The new secret {rotation.result.newCredentialId} is in use
            {rotation.result.expiredCredentialIds.length > 0
              ? ` and the old one (${rotation.result.expiredCredentialIds.join(', ')}) no longer works.`
              : '.'}
          </p>
        ) : null}
        {rotation.phase === 'incomplete' && rotation.result ? (
          <p className="rotation__warning">
            <AlertIcon size={16} /> <strong>New secret in use; the old one still works.</strong>{' '}
            {rotation.result.warning}
          </p>
        ) : null}
        {rotation.phase === 'failed' && rotation.failure ? (
          <p className="rotation__problem">
            <AlertIcon size={16} /> <strong>The rotation stopped.</strong> {rotation.failure.message}
            {context ? ` (${context})` : ''} The secret in use before is still in use.
          </p>
        ) : null}
        {running ? <p className="muted">Rotating the secret…</p> : null}
      </div>
      {running ? null : (
        <div className="rotation__actions">
          {rotation.phase === 'failed' ? (
            <Button size="sm" variant="secondary" onPress={onRetry}>
              Try again
            </Button>
          ) : null}
          <Button size="sm" variant="quiet" onPress={onDismiss}>
            Dismiss
          </Button>
        </div>
      )}
    </section>
  );
}
