import { type ReactNode, useState } from 'react';
import type { ServiceOutcome } from '../ipc/cds-client';
import type { ServiceFailure } from '../ipc/service-failure';
import { Button } from './button';
import { Dialog, DialogActions } from './dialog';
import { ErrorState } from './error-state';

/**
 * "Are you sure?" for an action that cannot be undone: what it will do, in words, before it
 * happens; the action runs from the dialog, which stays open (with the failure and a retry) when it
 * fails and closes when it succeeds.
 */
export function ConfirmDialog<T>({
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  errorTitle,
  isOpen,
  onOpenChange,
  onConfirm,
  onDone,
}: {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly cancelLabel?: string;
  readonly errorTitle: string;
  readonly isOpen: boolean;
  readonly onOpenChange: (isOpen: boolean) => void;
  readonly onConfirm: () => Promise<ServiceOutcome<T>>;
  readonly onDone: (value: T) => void;
}) {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ServiceFailure | null>(null);

  const confirm = async (close: () => void) => {
    setPending(true);
    setFailure(null);
    const outcome = await onConfirm();
    setPending(false);
    if (!outcome.ok) {
      setFailure(outcome.failure);
      return;
    }
    close();
    onDone(outcome.value);
  };

  return (
    <Dialog
      title={title}
      size="sm"
      isOpen={isOpen}
      onOpenChange={(open) => {
        if (!open) setFailure(null);
        onOpenChange(open);
      }}
      isDismissable={!pending}
    >
      {(close) => (
        <div className="confirm-dialog">
          <div className="confirm-dialog__text">{children}</div>
          {failure ? (
            <ErrorState
              title={errorTitle}
              failure={failure}
              onRetry={() => void confirm(close)}
              isRetrying={pending}
            />
          ) : null}
          <DialogActions>
            <Button variant="secondary" onPress={close} isDisabled={pending}>
              {cancelLabel}
            </Button>
            <Button variant="danger" onPress={() => void confirm(close)} isPending={pending}>
              {confirmLabel}
            </Button>
          </DialogActions>
        </div>
      )}
    </Dialog>
  );
}
