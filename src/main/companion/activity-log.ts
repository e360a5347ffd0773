import type { ActivityEntry } from '../../shared/ipc/activity-contract';
import type { HttpActivity } from '../cds/http/activity';
import { redactKnownPatterns, redactUrl } from '../cds/redact';
import { createRingBuffer } from './ring-buffer';

// The activity timeline: every HTTP attempt, newest few hundred kept in memory (never written to
// disk). The HTTP layer already redacts the URL and never passes headers or bodies; the URL and
// the words are redacted once more here, so a future caller that forgets cannot put a token, an
// authorization code or a secret query parameter on screen (RFC 6749 §10.3, SECURITY.md "Secrets").

export const ACTIVITY_CAPACITY = 500;

export interface ActivityLog {
  /** Records one attempt and returns the entry as kept. */
  record(activity: HttpActivity): ActivityEntry;
  list(filter?: { serverId?: string | undefined; limit?: number | undefined }): ActivityEntry[];
}

/** The entry shown for an attempt: redacted again, plain fields only. */
export function activityEntryOf(id: number, at: number, activity: HttpActivity): ActivityEntry {
  return {
    id,
    at: new Date(at).toISOString(),
    serverId: activity.serverId ?? null,
    serverName: redactKnownPatterns(activity.serverName),
    method: activity.method.toUpperCase(),
    url: redactUrl(redactKnownPatterns(activity.url)),
    status: activity.status,
    durationMs: Math.max(0, Math.round(activity.durationMs)),
    step: redactKnownPatterns(activity.step),
    attempt: Math.max(1, Math.floor(activity.attempt)),
    failure: activity.failure ?? null,
  };
}

export function createActivityLog(now: () => number, capacity = ACTIVITY_CAPACITY): ActivityLog {
  const buffer = createRingBuffer<ActivityEntry>(capacity);
  let nextId = 1;
  return {
    record(activity) {
      const entry = activityEntryOf(nextId, now(), activity);
      nextId += 1;
      buffer.push(entry);
      return entry;
    },
    list(filter = {}) {
      const all = buffer.toArray();
      const matching =
        filter.serverId === undefined ? all : all.filter((entry) => entry.serverId === filter.serverId);
      return filter.limit === undefined ? matching : matching.slice(-filter.limit);
    },
  };
}
