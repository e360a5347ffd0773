import { z } from 'zod';
import { method } from './define';

/** The background poller: how often, and when it last ran / runs next. */
export const pollingStatus = z.object({
  /** Minutes between polls; 0 turns polling off. */
  pollingIntervalMinutes: z.number().int().nonnegative(),
  running: z.boolean(),
  lastPollAt: z.string().nullable(),
  nextPollAt: z.string().nullable(),
});
export type PollingStatus = z.infer<typeof pollingStatus>;

/** One Server's poll: its Messages, then the areas its new changelog Messages name (cds-wg1-02 §5.3, §7.3). */
export const pollReport = z.object({
  serverId: z.string(),
  ok: z.boolean(),
  at: z.string(),
  newMessages: z.number().int().nonnegative(),
  /** Areas refreshed because a new Message said they changed: `clients`, `credentials`, `grants`, `files`. */
  refreshed: z.array(z.string()),
  errors: z.array(z.string()),
});
export type PollReport = z.infer<typeof pollReport>;

export const syncMethods = {
  'sync.status': method(z.tuple([]), pollingStatus),
  'sync.setPollingInterval': method(
    z.tuple([
      z
        .number()
        .int()
        .nonnegative()
        .max(24 * 60),
    ]),
    pollingStatus,
  ),
  /** Polls now: one Server, or every registered Server when absent. */
  'sync.poll': method(z.tuple([z.string().optional()]), z.array(pollReport)),
};

export const syncEvents = {
  'sync.polled': z.object({ at: z.string(), servers: z.number().int().nonnegative() }),
};
