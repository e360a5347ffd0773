import { z } from 'zod';
import type { Unsubscribe } from '../../shared/ipc/bridge';

// Service events the desktop shell reacts to natively (notifications, dock badge, tray tooltip).
// Local schemas until the IPC contract carries these events; every payload is parsed here, so a
// service emitting another shape is ignored rather than trusted.

export const messagesReceived = z.object({
  serverId: z.string(),
  serverName: z.string(),
  // cds-wg1-02 §6.1: `name` is the subject of notification, private_message and support_request.
  messages: z.array(z.object({ messageId: z.string(), name: z.string(), type: z.string() })).min(1),
});

export const grantStatusChanged = z.object({
  serverId: z.string(),
  serverName: z.string(),
  grantId: z.string(),
  // cds-wg1-02 §8.2: an open set of statuses; unknown strings are shown as they are (§10).
  previousStatus: z.string().nullable(),
  status: z.string(),
});

export const unreadCountChanged = z.object({ total: z.number().int().nonnegative() });

export const desktopEvents = {
  'messages.received': messagesReceived,
  'grants.statusChanged': grantStatusChanged,
  'messages.unreadCount': unreadCountChanged,
} as const;

export type DesktopEventName = keyof typeof desktopEvents;
export type DesktopEventPayload<E extends DesktopEventName> = z.infer<(typeof desktopEvents)[E]>;

/** An event source that accepts any event name (the service's `events.on`, seen loosely). */
export interface LooseEventSource {
  on(event: string, listener: (payload: unknown) => void): Unsubscribe;
}

/** Subscribes to one desktop event, handing the listener only payloads that parse. */
export function onDesktopEvent<E extends DesktopEventName>(
  source: LooseEventSource,
  event: E,
  listener: (payload: DesktopEventPayload<E>) => void,
): Unsubscribe {
  return source.on(event, (payload) => {
    const parsed = desktopEvents[event].safeParse(payload);
    if (parsed.success) listener(parsed.data as DesktopEventPayload<E>);
  });
}
