import { describeFailureContext, type ServiceFailure } from '../ipc/service-failure';
import { Button } from './button';
import { AlertIcon } from './icons';

/**
 * A failed step, said plainly: what we were doing, the service's message, the Server and step it
 * names, and a way to try again (CONTRIBUTING: every error names the Server and the step).
 */
export function ErrorState({
  title,
  failure,
  onRetry,
  isRetrying = false,
}: {
  readonly title: string;
  readonly failure: ServiceFailure;
  readonly onRetry?: () => void;
  readonly isRetrying?: boolean;
}) {
  const context = describeFailureContext(failure);
  return (
    <section className="error-state" role="alert" aria-label={title}>
      <div className="error-state__icon">
        <AlertIcon size={22} />
      </div>
      <div className="error-state__body">
        <h2 className="error-state__title">{title}</h2>
        <p className="error-state__message">{failure.message}</p>
        {context ? (
          <p className="error-state__context">
            {failure.server ? (
              <span>
                Server: <strong>{failure.server}</strong>
              </span>
            ) : null}
            {failure.step ? (
              <span>
                Step: <strong>{failure.step}</strong>
              </span>
            ) : null}
          </p>
        ) : null}
        {onRetry ? (
          <div className="error-state__actions">
            <Button variant="secondary" onPress={onRetry} isPending={isRetrying}>
              Try again
            </Button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
