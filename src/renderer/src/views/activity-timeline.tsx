import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useRef } from 'react';
import type { ActivityEntry } from '../../../shared/ipc/activity-contract';
import { DateTime } from '../components/date-time';
import { EmptyState } from '../components/empty-state';
import { QueryView } from '../components/query-view';
import { StatusChip } from '../components/status-chip';
import { useActivityEntries } from './activity-entries';
import { activityStatus, formatDuration, splitUrl } from './activity-format';

const ROW_HEIGHT = 56;
const VISIBLE_ROWS = 9;

/**
 * The activity timeline: every call the app made to a Server (method, URL, status, duration, the
 * step it was part of), newest first, live. The service redacted every URL (no token, code or secret
 * parameter) and never sends headers or bodies (SECURITY.md "Secrets"). Virtualised: the list keeps
 * up to a thousand entries and only the visible rows are in the page.
 */
export function ActivityTimeline({
  serverId = null,
  serverName,
}: {
  /** One Server's calls; null: every Server. */
  readonly serverId?: string | null;
  readonly serverName?: string;
}) {
  const activity = useActivityEntries(serverId);
  return (
    <QueryView
      query={activity.state}
      loadingLabel="Loading the activity"
      errorTitle="The activity could not be loaded"
      onRetry={activity.reload}
    >
      {(entries) =>
        entries.length === 0 ? (
          <EmptyState
            headingLevel={3}
            title="No calls yet"
            description={`Every request CDS Companion sends to ${serverName ?? 'a Server'} appears here as it happens: what was asked, the answer's status and how long it took. Secrets never appear.`}
          />
        ) : (
          <ActivityRows entries={entries} />
        )
      }
    </QueryView>
  );
}

function ActivityRows({ entries }: { readonly entries: readonly ActivityEntry[] }) {
  const scrollRef = useRef<HTMLElement>(null);
  const captionId = useId();
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    initialRect: { width: 960, height: ROW_HEIGHT * VISIBLE_ROWS },
  });
  const items = virtualizer.getVirtualItems();
  return (
    <div className="activity">
      <p className="activity__caption" id={captionId}>
        {entries.length === 1 ? '1 call' : `${entries.length} calls`}, newest first. Addresses are shown with
        secrets removed.
      </p>
      {/* Focusable so the list scrolls from the keyboard (WCAG 2.1.1). */}
      <section
        className="activity__scroll"
        ref={scrollRef}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
        aria-labelledby={captionId}
      >
        {/* Only the visible rows are in the page; aria-rowcount/rowindex tell the whole size. */}
        <table className="activity__table" aria-labelledby={captionId} aria-rowcount={entries.length + 1}>
          <thead className="activity__head">
            <tr className="activity__row activity__row--head" aria-rowindex={1}>
              <th scope="col">When</th>
              <th scope="col">Request</th>
              <th scope="col">Status</th>
              <th scope="col">Took</th>
            </tr>
          </thead>
          <tbody className="activity__body" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const entry = entries[item.index] as ActivityEntry;
              return (
                <ActivityRow key={entry.id} entry={entry} rowIndex={item.index + 2} offset={item.start} />
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function ActivityRow({
  entry,
  rowIndex,
  offset,
}: {
  readonly entry: ActivityEntry;
  readonly rowIndex: number;
  readonly offset: number;
}) {
  const status = activityStatus(entry);
  const { origin, rest } = splitUrl(entry.url);
  return (
    <tr
      className="activity__row"
      aria-rowindex={rowIndex}
      data-activity-id={entry.id}
      style={{ transform: `translateY(${offset}px)`, height: ROW_HEIGHT }}
    >
      <td className="activity__when">
        <DateTime value={entry.at} />
        <span className="activity__server">{entry.serverName}</span>
      </td>
      <td className="activity__request">
        <span className="activity__line">
          <span className="activity__method">{entry.method}</span>
          <span className="activity__url mono" title={entry.url}>
            {rest}
            <span className="visually-hidden"> at {origin}</span>
          </span>
        </span>
        <span className="activity__step">
          {entry.step}
          {entry.attempt > 1 ? ` (try ${entry.attempt})` : ''}
        </span>
      </td>
      <td>
        <StatusChip tone={status.tone}>{status.label}</StatusChip>
      </td>
      <td className="activity__duration">{formatDuration(entry.durationMs)}</td>
    </tr>
  );
}
