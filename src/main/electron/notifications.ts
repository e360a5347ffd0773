import type { Unsubscribe } from '../../shared/ipc/bridge';
import { type DesktopEventPayload, type LooseEventSource, onDesktopEvent } from './desktop-events';
import type { DesktopNotification } from './desktop-integration';

// Native notifications for what a person waits for: new messages from a Server and grant status
// changes. Pure mapping from service events to notifications; the glue shows them.

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** cds-wg1-02 §8.2 statuses are snake_case; people read "needs authorization". */
const statusLabel = (status: string): string => status.replaceAll('_', ' ');

export function messageNotification(payload: DesktopEventPayload<'messages.received'>): DesktopNotification {
  const [first] = payload.messages;
  if (payload.messages.length === 1 && first) {
    return {
      title: `New message from ${payload.serverName}`,
      body: first.name,
      command: { command: 'open-message', serverId: payload.serverId, messageId: first.messageId },
    };
  }
  return {
    title: `${plural(payload.messages.length, 'new message')} from ${payload.serverName}`,
    body: payload.messages
      .slice(0, 3)
      .map((message) => message.name)
      .join(' · '),
    command: { command: 'open-messages', serverId: payload.serverId },
  };
}

/** Null when the status did not actually change (a re-sync reporting the same status). */
export function grantNotification(
  payload: DesktopEventPayload<'grants.statusChanged'>,
): DesktopNotification | null {
  if (payload.previousStatus === payload.status) return null;
  return {
    title: `Grant ${statusLabel(payload.status)} on ${payload.serverName}`,
    body:
      payload.previousStatus === null
        ? `Grant ${payload.grantId} is ${statusLabel(payload.status)}.`
        : `Grant ${payload.grantId} changed from ${statusLabel(payload.previousStatus)} to ${statusLabel(payload.status)}.`,
    command: { command: 'open-grant', serverId: payload.serverId, grantId: payload.grantId },
  };
}

/** Shows a notification for each new-message and grant-status event; returns the unsubscribe. */
export function wireNotifications(
  source: LooseEventSource,
  show: (notification: DesktopNotification) => void,
): Unsubscribe {
  const offMessages = onDesktopEvent(source, 'messages.received', (payload) =>
    show(messageNotification(payload)),
  );
  const offGrants = onDesktopEvent(source, 'grants.statusChanged', (payload) => {
    const notification = grantNotification(payload);
    if (notification) show(notification);
  });
  return () => {
    offMessages();
    offGrants();
  };
}
