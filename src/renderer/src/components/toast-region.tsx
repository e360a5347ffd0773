import { createContext, type ReactNode, useContext } from 'react';
import {
  Button as AriaButton,
  Text,
  UNSTABLE_Toast as Toast,
  UNSTABLE_ToastContent as ToastContent,
  UNSTABLE_ToastQueue as ToastQueue,
  UNSTABLE_ToastRegion as ToastRegionBase,
} from 'react-aria-components';
import { describeFailureContext, type ServiceFailure } from '../ipc/service-failure';
import { CloseIcon } from './icons';

export interface ToastContentValue {
  readonly tone: 'info' | 'success' | 'danger';
  readonly title: string;
  readonly description?: string;
  readonly action?: { readonly label: string; readonly onAction: () => void };
}

export type AppToastQueue = ToastQueue<ToastContentValue>;

export function createToastQueue(): AppToastQueue {
  return new ToastQueue<ToastContentValue>({ maxVisibleToasts: 4 });
}

// Errors stay until dismissed (a person must see them); confirmations leave on their own.
const transientTimeoutMs = 6000;

export function showToast(queue: AppToastQueue, content: ToastContentValue): string {
  return content.tone === 'danger' ? queue.add(content) : queue.add(content, { timeout: transientTimeoutMs });
}

/** A failed background step as a toast: the message, the Server and step, and a retry. */
export function showFailureToast(
  queue: AppToastQueue,
  title: string,
  failure: ServiceFailure,
  retry?: () => void,
): string {
  const context = describeFailureContext(failure);
  return showToast(queue, {
    tone: 'danger',
    title,
    description: context ? `${failure.message} (${context})` : failure.message,
    ...(retry ? { action: { label: 'Try again', onAction: retry } } : {}),
  });
}

/**
 * The live region where toasts appear: a landmark reachable with F6, each toast announced, with a
 * close button and an optional action. Errors stay until dismissed; others leave after a while.
 */
export function ToastRegion({ queue }: { readonly queue: AppToastQueue }) {
  return (
    <ToastRegionBase queue={queue} className="toast-region">
      {({ toast }) => (
        <Toast toast={toast} className={`toast toast--${toast.content.tone}`}>
          <ToastContent className="toast__content">
            <Text slot="title" className="toast__title">
              {toast.content.title}
            </Text>
            {toast.content.description ? (
              <Text slot="description" className="toast__description">
                {toast.content.description}
              </Text>
            ) : null}
          </ToastContent>
          {toast.content.action ? (
            <AriaButton
              className="button button--secondary button--sm"
              onPress={() => {
                toast.content.action?.onAction();
                queue.close(toast.key);
              }}
            >
              {toast.content.action.label}
            </AriaButton>
          ) : null}
          <AriaButton
            slot="close"
            className="button button--quiet button--sm toast__close"
            aria-label="Dismiss"
          >
            <CloseIcon size={16} />
          </AriaButton>
        </Toast>
      )}
    </ToastRegionBase>
  );
}

const ToastQueueContext = createContext<AppToastQueue | null>(null);

export function ToastQueueProvider({
  queue,
  children,
}: {
  readonly queue: AppToastQueue;
  readonly children: ReactNode;
}) {
  return <ToastQueueContext.Provider value={queue}>{children}</ToastQueueContext.Provider>;
}

export function useToastQueue(): AppToastQueue {
  const queue = useContext(ToastQueueContext);
  if (!queue) throw new Error('The toast queue is missing: wrap the tree in <ToastQueueProvider>.');
  return queue;
}
