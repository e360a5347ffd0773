import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIVITY_LIMIT,
  activityNewestFirst,
  createActivityStore,
} from '../../src/renderer/src/stores/activity-store';
import { activityStatus, formatDuration, splitUrl } from '../../src/renderer/src/views/activity-format';
import { ActivityTimeline } from '../../src/renderer/src/views/activity-timeline';
import type { ActivityEntry } from '../../src/shared/ipc/activity-contract';
import { bodyText, withApp } from './customer-data-providers';
import { buttonByName, flush, press, type Rendered, render } from './render';

const entry = (id: number, extra: Partial<ActivityEntry> = {}): ActivityEntry => ({
  id,
  at: new Date(Date.UTC(2025, 8, 1, 12, 0, id)).toISOString(),
  serverId: 'srv-1',
  serverName: 'Sandbox Grid Utility',
  method: 'GET',
  url: `https://utility.example/cds-api/v1/clients?page=${id}`,
  status: 200,
  durationMs: 40 + id,
  step: 'listing the Client Objects',
  attempt: 1,
  failure: null,
  ...extra,
});

// jsdom lays nothing out: give the timeline's scroll box a size so the virtualiser shows rows.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 500 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 960 });
});

let view: Rendered | null = null;
let stop: (() => void) | null = null;
afterEach(async () => {
  stop?.();
  stop = null;
  await view?.unmount();
  view = null;
});

describe('activity store', () => {
  it('merges the list with entries recorded meanwhile, unique by id, oldest first', () => {
    const store = createActivityStore();
    store.getState().recordEntry(entry(5));
    store.getState().loadEntries([entry(3), entry(4), entry(5)]);
    store.getState().recordEntry(entry(6));
    store.getState().recordEntry(entry(2));
    expect(store.getState().entries.map((e) => e.id)).toEqual([2, 3, 4, 5, 6]);
    expect(store.getState().loaded).toBe(true);
  });

  it('keeps at most the newest ACTIVITY_LIMIT entries', () => {
    const store = createActivityStore();
    store.getState().loadEntries(Array.from({ length: ACTIVITY_LIMIT }, (_, i) => entry(i + 1)));
    store.getState().recordEntry(entry(ACTIVITY_LIMIT + 1));
    const ids = store.getState().entries.map((e) => e.id);
    expect(ids).toHaveLength(ACTIVITY_LIMIT);
    expect(ids[0]).toBe(2);
    expect(ids.at(-1)).toBe(ACTIVITY_LIMIT + 1);
  });

  it('lists one Server newest first', () => {
    const entries = [entry(1), entry(2, { serverId: 'other' }), entry(3)];
    expect(activityNewestFirst(entries, 'srv-1').map((e) => e.id)).toEqual([3, 1]);
    expect(activityNewestFirst(entries, null).map((e) => e.id)).toEqual([3, 2, 1]);
  });
});

describe('activity wording', () => {
  it('says the status by class, and a failure in words', () => {
    expect(activityStatus({ status: 200, failure: null })).toEqual({ label: '200', tone: 'success' });
    expect(activityStatus({ status: 302, failure: null }).tone).toBe('info');
    expect(activityStatus({ status: 401, failure: null }).tone).toBe('warning');
    expect(activityStatus({ status: 503, failure: null }).tone).toBe('danger');
    expect(activityStatus({ status: null, failure: 'timeout' })).toEqual({
      label: 'Timed out',
      tone: 'danger',
    });
    expect(activityStatus({ status: null, failure: 'weird_new_kind' }).label).toBe('Weird new kind');
  });

  it('formats durations and splits URLs', () => {
    expect(formatDuration(85)).toBe('85 ms');
    expect(formatDuration(1400)).toBe('1.4 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(splitUrl('https://u.example/a/b?x=1')).toEqual({ origin: 'https://u.example', rest: '/a/b?x=1' });
    expect(splitUrl('not a url')).toEqual({ origin: '', rest: 'not a url' });
  });
});

describe('<ActivityTimeline>', () => {
  it('lists the calls newest first and adds live ones from activity.recorded', async () => {
    const app = withApp({
      'activity.list': async () => [
        entry(1),
        entry(2, { method: 'POST', url: 'https://utility.example/oauth/token', status: 400 }),
      ],
    });
    stop = app.unsubscribe;
    view = await render(app.wrap(<ActivityTimeline />));
    await flush();
    const rows = () =>
      [...document.querySelectorAll('tbody tr')].map((row) => row.getAttribute('data-activity-id'));
    expect(rows()).toEqual(['2', '1']);
    expect(bodyText()).toContain('2 calls, newest first');
    expect(bodyText()).toContain('/oauth/token');
    expect(bodyText()).toContain('POST');
    expect(bodyText()).toContain('400');
    expect(document.querySelector('table')?.getAttribute('aria-rowcount')).toBe('3');

    await flush();
    app.emit(
      'activity.recorded',
      entry(3, { status: null, failure: 'connection-refused', durationMs: 1500 }),
    );
    await flush();
    expect(rows()).toEqual(['3', '2', '1']);
    expect(bodyText()).toContain('Refused');
    expect(bodyText()).toContain('1.5 s');
  });

  it('shows one Server only, and says what the place is for when empty', async () => {
    const app = withApp({ 'activity.list': async () => [entry(1, { serverId: 'other' })] });
    stop = app.unsubscribe;
    view = await render(app.wrap(<ActivityTimeline serverId="srv-1" serverName="Sandbox Grid Utility" />));
    await flush();
    expect(document.querySelector('tbody')).toBeNull();
    expect(bodyText()).toContain('No calls yet');
    expect(bodyText()).toContain('Secrets never appear');
  });

  it('shows a failed load with the step, and retries', async () => {
    let attempts = 0;
    const app = withApp({
      'activity.list': async () => {
        attempts += 1;
        if (attempts === 1)
          throw Object.assign(new Error('the service is busy'), { step: 'listing the activity' });
        return [entry(1)];
      },
    });
    stop = app.unsubscribe;
    view = await render(app.wrap(<ActivityTimeline />));
    await flush();
    expect(bodyText()).toContain('The activity could not be loaded');
    expect(bodyText()).toContain('listing the activity');
    await press(buttonByName(document.body, 'Try again'));
    await flush();
    expect(document.querySelectorAll('tbody tr')).toHaveLength(1);
  });
});
