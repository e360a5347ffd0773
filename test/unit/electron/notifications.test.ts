import { describe, expect, it } from 'vitest';
import type { DesktopNotification } from '../../../src/main/electron/desktop-integration';
import {
  grantNotification,
  messageNotification,
  wireNotifications,
} from '../../../src/main/electron/notifications';
import { applyUnread, unreadPresentation, wireUnreadBadge } from '../../../src/main/electron/unread-badge';
import { fakeService } from './fake-service';

describe('notifications', () => {
  it('names the Server and the subject of a single new message, and opens it on click', () => {
    expect(
      messageNotification({
        serverId: 's1',
        serverName: 'Utility A',
        messages: [{ messageId: 'm1', name: 'Your grant request was approved', type: 'request_update' }],
      }),
    ).toEqual({
      title: 'New message from Utility A',
      body: 'Your grant request was approved',
      command: { command: 'open-message', serverId: 's1', messageId: 'm1' },
    });
  });

  it('summarises several messages and opens the Server inbox', () => {
    const notification = messageNotification({
      serverId: 's1',
      serverName: 'Utility A',
      messages: ['a', 'b', 'c', 'd'].map((id) => ({
        messageId: id,
        name: `Subject ${id}`,
        type: 'notification',
      })),
    });
    expect(notification.title).toBe('4 new messages from Utility A');
    expect(notification.body).toBe('Subject a · Subject b · Subject c');
    expect(notification.command).toEqual({ command: 'open-messages', serverId: 's1' });
  });

  it('reports grant status changes in words and skips unchanged statuses', () => {
    const base = { serverId: 's1', serverName: 'Utility A', grantId: 'g1' };
    expect(grantNotification({ ...base, previousStatus: 'pending', status: 'needs_authorization' })).toEqual({
      title: 'Grant needs authorization on Utility A',
      body: 'Grant g1 changed from pending to needs authorization.',
      command: { command: 'open-grant', serverId: 's1', grantId: 'g1' },
    });
    expect(grantNotification({ ...base, previousStatus: null, status: 'active' })?.body).toBe(
      'Grant g1 is active.',
    );
    expect(grantNotification({ ...base, previousStatus: 'active', status: 'active' })).toBeNull();
  });

  it('shows one notification per valid event and ignores malformed payloads', () => {
    const { loose, emit, listenerCount } = fakeService();
    const shown: DesktopNotification[] = [];
    const off = wireNotifications(loose, (notification) => shown.push(notification));
    emit('messages.received', {
      serverId: 's',
      serverName: 'U',
      messages: [{ messageId: 'm', name: 'Hi', type: 'x' }],
    });
    emit('messages.received', { serverId: 's', serverName: 'U', messages: [] });
    emit('grants.statusChanged', {
      serverId: 's',
      serverName: 'U',
      grantId: 'g',
      previousStatus: 'a',
      status: 'a',
    });
    emit('grants.statusChanged', {
      serverId: 's',
      serverName: 'U',
      grantId: 'g',
      previousStatus: 'a',
      status: 'b',
    });
    emit('grants.statusChanged', { serverId: 's' });
    expect(shown.map((notification) => notification.command?.command)).toEqual([
      'open-message',
      'open-grant',
    ]);
    off();
    expect(listenerCount('messages.received') + listenerCount('grants.statusChanged')).toBe(0);
  });
});

describe('the unread badge', () => {
  it('shows the count on the badge, the tooltip and the Windows overlay', () => {
    expect(unreadPresentation('CDS Companion', 0)).toEqual({
      badgeCount: 0,
      tooltip: 'CDS Companion',
      overlayDescription: null,
    });
    expect(unreadPresentation('CDS Companion', 1).tooltip).toBe('CDS Companion: 1 unread message');
    expect(unreadPresentation('CDS Companion', 12)).toEqual({
      badgeCount: 12,
      tooltip: 'CDS Companion: 12 unread messages',
      overlayDescription: '12 unread messages',
    });
  });

  it('follows the service unread count, starting from zero', () => {
    const { loose, emit } = fakeService();
    const badge: number[] = [];
    const tooltips: string[] = [];
    const overlays: (string | null)[] = [];
    wireUnreadBadge(loose, 'App', {
      setBadgeCount: (count) => badge.push(count),
      setTrayTooltip: (tooltip) => tooltips.push(tooltip),
      setOverlay: (description) => overlays.push(description),
    });
    emit('messages.unreadCount', { total: 3 });
    emit('messages.unreadCount', { total: -1 });
    emit('messages.unreadCount', { total: 0 });
    expect(badge).toEqual([0, 3, 0]);
    expect(tooltips).toEqual(['App', 'App: 3 unread messages', 'App']);
    expect(overlays).toEqual([null, '3 unread messages', null]);
  });

  it('leaves the overlay alone where there is none', () => {
    const calls: unknown[] = [];
    applyUnread(unreadPresentation('App', 2), {
      setBadgeCount: (count) => calls.push(count),
      setTrayTooltip: (tooltip) => calls.push(tooltip),
    });
    expect(calls).toEqual([2, 'App: 2 unread messages']);
  });
});
