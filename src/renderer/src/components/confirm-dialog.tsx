import type { ReactNode } from 'react';
import type { ServiceOutcome } from '../ipc/cds-client';
import { useServiceAction } from '../ipc/use-service-action';
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
  size = 'sm',
  className,
}: {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly cancelLabel?: string;
  readonly errorTitle: string;
  readonly isOpen: boolean;
  readonly onOpenChange: (isOpen: boolean) => void;
  readonly onConfirm: () => Promise<ServiceOutcome<T>>;
  /** After the action succeeded and the dialog closed. */
  readonly onDone?: (value: T) => void;
  readonly size?: 'sm' | 'md';
  /** Styles the dialog's content beside `confirm-dialog`. */
  readonly className?: string;
}) {
  const { pending, failure, run, clearFailure } = useServiceAction();

  const confirm = (close: () => void) =>
    run(onConfirm, (value) => {
      close();
      onDone?.(value);
    });

  return (
    <Dialog
      title={title}
      size={size}
      isOpen={isOpen}
      onOpenChange={(open) => {
        if (!open) clearFailure();
        onOpenChange(open);
      }}
      isDismissable={!pending}
    >
      {(close) => (
        <div className={className ? `confirm-dialog ${className}` : 'confirm-dialog'}>
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
