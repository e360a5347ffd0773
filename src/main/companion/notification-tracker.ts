// What is new since the app last looked, per Server: unread Messages not seen before (cds-wg1-02
// §6.8) and Grant status changes (§8.2). The first look at a Server only takes a baseline, so adding
// a Server (or a first sync) does not announce its whole history. Pure: the notifications module
// feeds it the caches and emits what it returns.

export interface MessageSnapshot {
  /** Every Message id listed. */
  readonly ids: readonly string[];
  /** The unread section (§6.8), newest first. */
  readonly unread: readonly string[];
}

export interface GrantSnapshot {
  readonly statuses: ReadonlyMap<string, string>;
  /** When the last full listing was stored; a new value means `statuses` is the whole list. */
  readonly syncedAt: string | null;
}

export interface GrantChange {
  readonly grantId: string;
  readonly previousStatus: string | null;
  readonly status: string;
}

export interface NotificationTracker {
  /** The ids of unread Messages this Server did not list before (empty on the first look). */
  newUnread(serverId: string, snapshot: MessageSnapshot): string[];
  /** Grants whose status changed; Grants new in a full listing come with previousStatus null. */
  grantChanges(serverId: string, snapshot: GrantSnapshot): GrantChange[];
  forget(serverId: string): void;
}

export function createNotificationTracker(): NotificationTracker {
  const seenMessages = new Map<string, Set<string>>();
  const grants = new Map<string, { statuses: Map<string, string>; syncedAt: string | null }>();
  return {
    newUnread(serverId, snapshot) {
      const seen = seenMessages.get(serverId);
      seenMessages.set(serverId, new Set(snapshot.ids));
      if (seen === undefined) return [];
      return snapshot.unread.filter((id) => !seen.has(id));
    },
    grantChanges(serverId, snapshot) {
      const known = grants.get(serverId);
      if (known === undefined) {
        grants.set(serverId, { statuses: new Map(snapshot.statuses), syncedAt: snapshot.syncedAt });
        return [];
      }
      const fullListing = snapshot.syncedAt !== known.syncedAt;
      const changes: GrantChange[] = [];
      for (const [grantId, status] of snapshot.statuses) {
        const previous = known.statuses.get(grantId);
        if (previous === undefined) {
          // A Grant fetched as a relative of another is not news; one in a new full listing is.
          if (fullListing) changes.push({ grantId, previousStatus: null, status });
        } else if (previous !== status) {
          changes.push({ grantId, previousStatus: previous, status });
        }
      }
      const statuses = fullListing ? new Map<string, string>() : known.statuses;
      for (const [grantId, status] of snapshot.statuses) statuses.set(grantId, status);
      grants.set(serverId, { statuses, syncedAt: snapshot.syncedAt });
      return changes;
    },
    forget(serverId) {
      seenMessages.delete(serverId);
      grants.delete(serverId);
    },
  };
}
