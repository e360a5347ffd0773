import { z } from 'zod';
import { method } from './define';

/**
 * One HTTP attempt the app made (the activity timeline). The URL is redacted twice (by the HTTP
 * layer, then again when recorded): no token, code or secret query parameter, no user info, and no
 * header or body at all (RFC 6749 §10.3, SECURITY.md "Secrets").
 */
export const activityEntry = z.object({
  /** Increasing per app run: a stable key for lists. */
  id: z.number().int().nonnegative(),
  at: z.string(),
  serverId: z.string().nullable(),
  serverName: z.string(),
  method: z.string(),
  url: z.string(),
  /** null: no answer arrived (see `failure`). */
  status: z.number().int().nullable(),
  durationMs: z.number().int().nonnegative(),
  /** What the app was doing: "reading the server metadata". */
  step: z.string(),
  /** 1 for the first try; retries count up. */
  attempt: z.number().int().positive(),
  /** The network failure kind when no answer arrived. */
  failure: z.string().nullable(),
});
export type ActivityEntry = z.infer<typeof activityEntry>;

export const activityFilter = z.object({
  serverId: z.string().optional(),
  /** The newest `limit` entries (default: every kept entry). */
  limit: z.number().int().positive().max(10_000).optional(),
});

export const activityMethods = {
  /** The kept entries (the newest few hundred), oldest first. */
  'activity.list': method(z.tuple([activityFilter.optional()]), z.array(activityEntry)),
};

export const activityEvents = {
  'activity.recorded': activityEntry,
};
