import { describe, expect, it } from 'vitest';
import { createNotificationTracker } from '../../../src/main/companion/notification-tracker';

describe('notification tracker', () => {
  it('takes a baseline first, then reports unread Messages never listed before', () => {
    const tracker = createNotificationTracker();
    expect(tracker.newUnread('s', { ids: ['m1', 'm2'], unread: ['m1'] })).toEqual([]);
    expect(tracker.newUnread('s', { ids: ['m3', 'm1', 'm2'], unread: ['m3', 'm1'] })).toEqual(['m3']);
    // Marked unread again by the person: not news.
    expect(tracker.newUnread('s', { ids: ['m3', 'm1', 'm2'], unread: ['m3', 'm1', 'm2'] })).toEqual([]);
    // A new Message already read (sent by this app) is not announced either.
    expect(tracker.newUnread('s', { ids: ['m4', 'm3', 'm1', 'm2'], unread: ['m3'] })).toEqual([]);
    // Servers are separate.
    expect(tracker.newUnread('t', { ids: ['m9'], unread: ['m9'] })).toEqual([]);
  });

  it('reports Grant status changes, and new Grants only from a new full listing', () => {
    const tracker = createNotificationTracker();
    expect(tracker.grantChanges('s', { statuses: new Map([['g1', 'active']]), syncedAt: 't1' })).toEqual([]);
    expect(
      tracker.grantChanges('s', {
        statuses: new Map([
          ['g1', 'suspended'],
          ['g2', 'active'],
        ]),
        syncedAt: 't1',
      }),
    ).toEqual([{ grantId: 'g1', previousStatus: 'active', status: 'suspended' }]);
    expect(
      tracker.grantChanges('s', {
        statuses: new Map([
          ['g1', 'suspended'],
          ['g3', 'needs_authorization'],
        ]),
        syncedAt: 't2',
      }),
    ).toEqual([{ grantId: 'g3', previousStatus: null, status: 'needs_authorization' }]);
    // Nothing changed: nothing reported.
    expect(
      tracker.grantChanges('s', {
        statuses: new Map([
          ['g1', 'suspended'],
          ['g3', 'needs_authorization'],
        ]),
        syncedAt: 't3',
      }),
    ).toEqual([]);
  });

  it('forgets a removed Server: the next look is a baseline again', () => {
    const tracker = createNotificationTracker();
    tracker.newUnread('s', { ids: [], unread: [] });
    tracker.grantChanges('s', { statuses: new Map(), syncedAt: null });
    tracker.forget('s');
    expect(tracker.newUnread('s', { ids: ['m1'], unread: ['m1'] })).toEqual([]);
    expect(tracker.grantChanges('s', { statuses: new Map([['g1', 'active']]), syncedAt: 'x' })).toEqual([]);
  });
});
