import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ActivityEntry } from '../../../shared/ipc/activity-contract';

/** The most entries the timeline keeps in memory (the service itself keeps the newest few hundred). */
export const ACTIVITY_LIMIT = 1000;

export interface ActivityState {
  /** Every HTTP attempt seen so far, oldest first, unique by id (already redacted by the service). */
  readonly entries: readonly ActivityEntry[];
  /** The first `activity.list` has answered. */
  readonly loaded: boolean;
  /** Merges the answer of `activity.list` with what events brought in the meantime. */
  readonly loadEntries: (entries: readonly ActivityEntry[]) => void;
  /** Event `activity.recorded`. */
  readonly recordEntry: (entry: ActivityEntry) => void;
}

export type ActivityStore = StoreApi<ActivityState>;

function merged(current: readonly ActivityEntry[], incoming: readonly ActivityEntry[]): ActivityEntry[] {
  const byId = new Map<number, ActivityEntry>();
  for (const entry of current) byId.set(entry.id, entry);
  for (const entry of incoming) byId.set(entry.id, entry);
  const all = [...byId.values()].sort((a, b) => a.id - b.id);
  return all.length > ACTIVITY_LIMIT ? all.slice(all.length - ACTIVITY_LIMIT) : all;
}

export function createActivityStore(): ActivityStore {
  return createStore<ActivityState>()((set) => ({
    entries: [],
    loaded: false,
    loadEntries: (entries) => set((state) => ({ entries: merged(state.entries, entries), loaded: true })),
    recordEntry: (entry) =>
      set((state) => {
        const last = state.entries.at(-1);
        // The usual case (a newer entry) appends without re-sorting the whole list.
        if (last === undefined || entry.id > last.id) {
          const next = [...state.entries, entry];
          return { entries: next.length > ACTIVITY_LIMIT ? next.slice(next.length - ACTIVITY_LIMIT) : next };
        }
        return { entries: merged(state.entries, [entry]) };
      }),
  }));
}

/** The entries of one Server (null: every Server), newest first, as the timeline lists them. */
export function activityNewestFirst(
  entries: readonly ActivityEntry[],
  serverId: string | null,
): readonly ActivityEntry[] {
  const chosen = serverId === null ? entries : entries.filter((entry) => entry.serverId === serverId);
  return [...chosen].reverse();
}
