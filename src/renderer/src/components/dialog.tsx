import type { ReactNode } from 'react';
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { Button } from './button';
import { CloseIcon } from './icons';

/**
 * A modal dialog: focus moves in and is trapped, Escape and the close button dismiss it, focus
 * returns to the trigger afterwards (react-aria). Controlled by `isOpen`, or by a wrapping
 * DialogTrigger when `isOpen` is left out.
 */
export function Dialog({
  title,
  description,
  children,
  isOpen,
  onOpenChange,
  isDismissable = true,
  size = 'md',
}: {
  readonly title: string;
  readonly description?: ReactNode;
  readonly children: ReactNode | ((close: () => void) => ReactNode);
  readonly isOpen?: boolean;
  readonly onOpenChange?: (isOpen: boolean) => void;
  readonly isDismissable?: boolean;
  readonly size?: 'sm' | 'md' | 'lg';
}) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isDismissable={isDismissable}
      isKeyboardDismissDisabled={!isDismissable}
      {...(isOpen === undefined ? {} : { isOpen })}
      {...(onOpenChange ? { onOpenChange } : {})}
    >
      <Modal className={`modal modal--${size}`}>
        <AriaDialog className="dialog">
          {({ close }) => (
            <>
              <header className="dialog__header">
                <Heading slot="title" className="dialog__title">
                  {title}
                </Heading>
                {isDismissable ? (
                  <Button
                    variant="quiet"
                    size="sm"
                    className="dialog__close"
                    aria-label="Close"
                    onPress={close}
                  >
                    <CloseIcon size={18} />
                  </Button>
                ) : null}
              </header>
              {description ? <p className="dialog__description">{description}</p> : null}
              <div className="dialog__body">
                {typeof children === 'function' ? children(close) : children}
              </div>
            </>
          )}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}

/** The row of buttons at the foot of a dialog, primary action last (platform convention). */
export function DialogActions({ children }: { readonly children: ReactNode }) {
  return <div className="dialog__actions">{children}</div>;
}
