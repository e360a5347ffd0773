import { useCallback, useMemo } from 'react';
import type { AttachmentView, MessageSendInput, MessageView } from '../../../../shared/ipc/messages-contract';
import { showFailureToast, showToast, useToastQueue } from '../../components/toast-region';
import { useCdsApi } from '../../ipc/cds-api-context';
import { callService, type ServiceOutcome } from '../../ipc/cds-client';
import { useRendererStores } from '../../stores/renderer-stores';
import { messageTypeLabel } from './message-wording';

export interface InboxActions {
  /** §6.11 PATCH `read`. `quiet`: no toast (opening a Message marks it read on its own). */
  readonly markRead: (
    message: MessageView,
    read: boolean,
    options?: { readonly quiet?: boolean },
  ) => Promise<boolean>;
  /** §6.9: the dialog shows a failure itself, so the outcome is returned. */
  readonly send: (input: MessageSendInput) => Promise<ServiceOutcome<MessageView>>;
  /** Saves an attachment into the download folder (Settings), never overwriting a file. */
  readonly saveAttachment: (message: MessageView, attachment: AttachmentView) => Promise<void>;
  /** Reads every section from the Server again (§6.8), instead of the cached listing. */
  readonly checkForNew: () => Promise<void>;
}

/** The Inbox's calls, each with its store update and its toast (docs/renderer.md "Actions and toasts"). */
export function useInboxActions(serverId: string, serverName: string): InboxActions {
  const api = useCdsApi();
  const toasts = useToastQueue();
  const stores = useRendererStores();

  const noteCounts = useCallback(
    (unreadCount: number) => {
      stores.servers.getState().recordUnreadCount(serverId, unreadCount);
      stores.changes.getState().noteChange('messages', serverId);
    },
    [stores, serverId],
  );

  const markRead = useCallback<InboxActions['markRead']>(
    async (message, read, options = {}) => {
      const outcome = await callService(api, (cds) =>
        cds.messages.markRead(serverId, message.messageId, read),
      );
      if (!outcome.ok) {
        showFailureToast(
          toasts,
          `The Message could not be marked as ${read ? 'read' : 'unread'}`,
          outcome.failure,
          () => {
            void markRead(message, read, options);
          },
        );
        return false;
      }
      // The service also emits messages.changed; noting the change here keeps the list in step when the
      // event arrives late (or not at all, in a harness without events).
      stores.changes.getState().noteChange('messages', serverId);
      if (!options.quiet)
        showToast(toasts, { tone: 'success', title: read ? 'Marked as read' : 'Marked as unread' });
      return true;
    },
    [api, serverId, stores, toasts],
  );

  const send = useCallback<InboxActions['send']>(
    async (input) => {
      const outcome = await callService(api, (cds) => cds.messages.send(serverId, input));
      if (outcome.ok) {
        stores.changes.getState().noteChange('messages', serverId);
        const what = input.type === 'client_submission' ? 'Your answer' : messageTypeLabel(input.type);
        showToast(toasts, { tone: 'success', title: `${what} sent to ${serverName}` });
      }
      return outcome;
    },
    [api, serverId, serverName, stores, toasts],
  );

  const saveAttachment = useCallback<InboxActions['saveAttachment']>(
    async (message, attachment) => {
      const outcome = await callService(api, async (cds) => {
        const settings = await cds.settings.get();
        return cds.messages.saveAttachment(
          serverId,
          message.messageId,
          attachment.index,
          settings.downloadFolder,
        );
      });
      if (!outcome.ok) {
        showFailureToast(toasts, `${attachment.filename} could not be saved`, outcome.failure, () => {
          void saveAttachment(message, attachment);
        });
        return;
      }
      const saved = outcome.value;
      showToast(toasts, {
        tone: 'success',
        title: `Saved ${attachment.filename}`,
        description: saved.path,
        action: {
          label: 'Show in folder',
          onAction: () => {
            void callService(api, (cds) => cds.files.showInFolder(saved.path)).then((shown) => {
              if (!shown.ok) showFailureToast(toasts, 'The folder could not be opened', shown.failure);
            });
          },
        },
      });
    },
    [api, serverId, toasts],
  );

  const checkForNew = useCallback(async () => {
    const outcome = await callService(api, (cds) => cds.messages.list(serverId));
    if (outcome.ok) {
      noteCounts(outcome.value.unreadCount);
      return;
    }
    showFailureToast(toasts, `New Messages could not be read from ${serverName}`, outcome.failure, () => {
      void checkForNew();
    });
  }, [api, serverId, serverName, toasts, noteCounts]);

  return useMemo(
    () => ({ markRead, send, saveAttachment, checkForNew }),
    [markRead, send, saveAttachment, checkForNew],
  );
}
