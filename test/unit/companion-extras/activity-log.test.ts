import { describe, expect, it } from 'vitest';
import type { HttpActivity } from '../../../src/main/cds/http/activity';
import { activityEntryOf, createActivityLog } from '../../../src/main/companion/activity-log';
import { activityEntry } from '../../../src/shared/ipc/activity-contract';

const attempt = (overrides: Partial<HttpActivity> = {}): HttpActivity => ({
  serverId: 'srv-1',
  serverName: 'Utility A',
  method: 'get',
  url: 'https://utility.example/cds-api/v1/messages',
  status: 200,
  durationMs: 12.4,
  step: 'listing the Messages',
  attempt: 1,
  ...overrides,
});

describe('activity log', () => {
  it('turns an HTTP attempt into a contract entry', () => {
    const entry = activityEntryOf(
      7,
      Date.UTC(2026, 0, 2, 3, 4, 5),
      attempt({ status: null, failure: 'timeout' }),
    );
    expect(entry).toEqual({
      id: 7,
      at: '2026-01-02T03:04:05.000Z',
      serverId: 'srv-1',
      serverName: 'Utility A',
      method: 'GET',
      url: 'https://utility.example/cds-api/v1/messages',
      status: null,
      durationMs: 12,
      step: 'listing the Messages',
      attempt: 1,
      failure: 'timeout',
    });
    expect(activityEntry.parse(entry)).toEqual(entry);
    expect(activityEntryOf(1, 0, attempt({ serverId: undefined })).serverId).toBeNull();
  });

  it('redacts again whatever an unredacted URL or step would carry', () => {
    const entry = activityEntryOf(
      1,
      0,
      attempt({
        url: 'https://alice:pw-SECRET-1@utility.example/cb?code=code-SECRET-2&state=s&access_token=tok-SECRET-3#id_token=idt-SECRET-4',
        step: 'sending refresh_token=rt-SECRET-5 with Bearer abc-SECRET-6',
      }),
    );
    const text = JSON.stringify(entry);
    for (const secret of [
      'pw-SECRET-1',
      'code-SECRET-2',
      'tok-SECRET-3',
      'idt-SECRET-4',
      'rt-SECRET-5',
      'abc-SECRET-6',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(entry.url).toContain('state=s');
    expect(entry.url).toContain('utility.example/cb');
  });

  it('keeps the newest entries only, filters by Server and limits', () => {
    let now = 0;
    const log = createActivityLog(() => now, 3);
    for (const serverId of ['a', 'b', 'a', 'b', 'a']) {
      now += 1000;
      log.record(attempt({ serverId }));
    }
    expect(log.list().map((entry) => entry.id)).toEqual([3, 4, 5]);
    expect(log.list({ serverId: 'a' }).map((entry) => entry.id)).toEqual([3, 5]);
    expect(log.list({ limit: 1 }).map((entry) => entry.id)).toEqual([5]);
  });
});
