import type { Unsubscribe } from '../../shared/ipc/bridge';
import { type LooseEventSource, onDesktopEvent } from './desktop-events';

// The unread message count on the dock (macOS), the launcher badge (Linux Unity), the taskbar
// overlay (Windows) and the tray tooltip.

export interface UnreadPresentation {
  readonly badgeCount: number;
  readonly tooltip: string;
  /** Accessible description of the Windows taskbar overlay; null clears the overlay. */
  readonly overlayDescription: string | null;
}

export function unreadPresentation(appName: string, total: number): UnreadPresentation {
  const count = Math.max(0, Math.floor(total));
  if (count === 0) return { badgeCount: 0, tooltip: appName, overlayDescription: null };
  const text = `${count} unread message${count === 1 ? '' : 's'}`;
  return { badgeCount: count, tooltip: `${appName}: ${text}`, overlayDescription: text };
}

export interface UnreadTargets {
  readonly setBadgeCount: (count: number) => void;
  readonly setTrayTooltip: (tooltip: string) => void;
  /** Windows only: a taskbar overlay icon with its description, or null to clear it. */
  readonly setOverlay?: (description: string | null) => void;
}

export function applyUnread(presentation: UnreadPresentation, targets: UnreadTargets): void {
  targets.setBadgeCount(presentation.badgeCount);
  targets.setTrayTooltip(presentation.tooltip);
  targets.setOverlay?.(presentation.overlayDescription);
}

/** Keeps the badge and tooltip in step with the service's unread count. */
export function wireUnreadBadge(
  source: LooseEventSource,
  appName: string,
  targets: UnreadTargets,
): Unsubscribe {
  applyUnread(unreadPresentation(appName, 0), targets);
  return onDesktopEvent(source, 'messages.unreadCount', ({ total }) =>
    applyUnread(unreadPresentation(appName, total), targets),
  );
}
