import type { ServiceFailure } from '../ipc/service-failure';
import { Button } from './button';
import { DialogActions } from './dialog';
import { ErrorState } from './error-state';

/**
 * The foot of a form in a dialog: the last attempt's failure with a retry, then Cancel and the
 * submit button (left out when `submitLabel` is null: there is nothing to submit to).
 */
export function FormFooter({
  failure,
  errorTitle,
  pending,
  onRetry,
  onCancel,
  submitLabel,
}: {
  readonly failure: ServiceFailure | null;
  readonly errorTitle: string;
  readonly pending: boolean;
  readonly onRetry: () => void;
  readonly onCancel: () => void;
  readonly submitLabel: string | null;
}) {
  return (
    <>
      {failure ? (
        <ErrorState title={errorTitle} failure={failure} onRetry={onRetry} isRetrying={pending} />
      ) : null}
      <DialogActions>
        <Button variant="secondary" onPress={onCancel}>
          Cancel
        </Button>
        {submitLabel === null ? null : (
          <Button variant="primary" type="submit" isPending={pending}>
            {submitLabel}
          </Button>
        )}
      </DialogActions>
    </>
  );
}
