import type { CompanionModuleFactory } from '../companion-module';
import type { GrantCache } from '../grant-cache';
import type { MessageCache } from '../message-cache';
import { createNotificationTracker, type GrantSnapshot, type MessageSnapshot } from '../notification-tracker';

// The events behind native notifications and the unread badge (`messages.received`,
// `grants.statusChanged`, `messages.unreadCount`), derived from the Messages and Grants areas'
// own `messages.changed` / `grants.changed` events and their caches (read in memory, as the areas
// left them): whatever refreshed them (a sync, a poll, a person opening a list), news is announced once.

const messageSnapshot = (cache: MessageCache): MessageSnapshot => ({
  ids: Object.keys(cache.messages),
  unread: cache.sections.unread,
});

const text = (value: unknown, fallback: string): string =>
  typeof value === 'string' && value.trim() !== '' ? value : fallback;

export const notificationsModule: CompanionModuleFactory = async (core) => {
  const tracker = createNotificationTracker();
  let lastTotal: number | null = null;
  // One change at a time, in the order the areas reported them.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (task: () => Promise<void>) => {
    queue = queue.then(task).catch(() => undefined);
  };
  const serverName = (serverId: string) => core.state.read().servers[serverId]?.name ?? serverId;
  const grantSnapshot = (entry: {
    grants: Record<string, { object: Record<string, unknown> }>;
    syncedAt: string | null;
  }): GrantSnapshot => ({
    statuses: new Map(
      Object.entries(entry.grants).flatMap(([grantId, cached]) =>
        typeof cached.object.status === 'string' ? [[grantId, cached.object.status] as const] : [],
      ),
    ),
    syncedAt: entry.syncedAt,
  });

  const emitTotal = async (leaving?: string) => {
    const counts = core.modules().find((module) => module.handlers['messages.counts'])?.handlers[
      'messages.counts'
    ];
    if (!counts) return;
    const total = (await counts())
      .filter((entry) => entry.serverId !== leaving)
      .reduce((sum, entry) => sum + entry.unreadCount, 0);
    if (total === lastTotal) return;
    lastTotal = total;
    core.events.emit('messages.unreadCount', { total });
  };

  const onMessages = async (serverId: string) => {
    const cache = core.cache<MessageCache>('messages')?.read(serverId);
    if (cache !== undefined) {
      const fresh = tracker.newUnread(serverId, messageSnapshot(cache));
      if (fresh.length > 0) {
        core.events.emit('messages.received', {
          serverId,
          serverName: serverName(serverId),
          messages: fresh.map((messageId) => {
            const object = cache.messages[messageId]?.object ?? {};
            // cds-wg1-02 §6.1: `name` is the Message's title; `type` one of the §6.1 types.
            return {
              messageId,
              name: text(object.name, 'New message'),
              type: text(object.type, 'notification'),
            };
          }),
        });
      }
    }
    await emitTotal();
  };

  const onGrants = async (serverId: string) => {
    const cache = core.cache<GrantCache>('grants')?.read(serverId);
    if (cache === undefined) return;
    for (const change of tracker.grantChanges(serverId, grantSnapshot(cache))) {
      core.events.emit('grants.statusChanged', { serverId, serverName: serverName(serverId), ...change });
    }
  };

  const offMessages = core.events.on('messages.changed', ({ serverId }) =>
    enqueue(() => onMessages(serverId)),
  );
  const offGrants = core.events.on('grants.changed', ({ serverId }) => enqueue(() => onGrants(serverId)));

  return {
    area: 'notifications',
    handlers: {},
    // The caches as the last run left them are the baseline: what arrived while the app was closed
    // is news at the first sync.
    start: async () => {
      const messages = core.cache<MessageCache>('messages');
      const grants = core.cache<GrantCache>('grants');
      for (const serverId of messages?.serverIds() ?? []) {
        const cache = messages?.read(serverId);
        if (cache) tracker.newUnread(serverId, messageSnapshot(cache));
      }
      for (const serverId of grants?.serverIds() ?? []) {
        const cache = grants?.read(serverId);
        if (cache) tracker.grantChanges(serverId, grantSnapshot(cache));
      }
    },
    forgetServer: async (serverId) => {
      tracker.forget(serverId);
      enqueue(() => emitTotal(serverId));
      await queue;
    },
    close: async () => {
      offMessages();
      offGrants();
      await queue;
    },
  };
};
