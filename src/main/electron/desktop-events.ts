import type { z } from 'zod';
import type { Unsubscribe } from '../../shared/ipc/bridge';
import { grantStatusChanged, messagesReceived, unreadCountChanged } from '../../shared/ipc/desktop-contract';

// Service events the desktop shell reacts to natively (notifications, dock badge, tray tooltip).
// The schemas are the contract's (desktop-contract.ts); every payload is parsed again here, so a
// service emitting another shape is ignored rather than trusted.

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
