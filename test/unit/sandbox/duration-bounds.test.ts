import { describe, expect, it } from 'vitest';
import { checkField } from '../../../src/sandbox/oauth/authorization-details';
import { absoluteMoment } from '../../../src/sandbox/oauth/duration-fields';
import type { Json } from '../../../src/sandbox/state';

// The sandbox's check of relative_or_absolute_date(time) values against a field's minimum and maximum
// (cds-wg1-02 §3.8, §3.9), in both directions of cds-wg3-01 §7.3: the historical fields reach back.

// 2025-03-10T03:30:00Z is still 2025-03-09 (22:30) in America/Chicago, the sandbox's cds_timezone.
const NOW = new Date('2025-03-10T03:30:00Z');

const accepts = (field: Json, value: string) => expect(() => checkField(field, value, NOW)).not.toThrow();
const refuses = (field: Json, value: string, why: RegExp) =>
  expect(() => checkField(field, value, NOW)).toThrow(why);

describe('a historical datetime field: segment_start, PT0S..P13M (the spec’s cds_usage_1 example)', () => {
  const field = {
    id: 'segment_start',
    format: 'relative_or_absolute_datetime',
    minimum: 'PT0S',
    maximum: 'P13M',
  };
  it('takes durations back from now up to the maximum', () => {
    accepts(field, 'P6M');
    accepts(field, 'PT0S');
    refuses(field, 'P14M', /"segment_start" must not be earlier than P13M/);
  });
  it('takes past moments within the range and refuses the future and "infinite"', () => {
    accepts(field, '2024-09-10T00:00:00Z');
    refuses(field, '2023-03-10T00:00:00Z', /earlier than P13M/);
    refuses(field, '2025-04-10T00:00:00Z', /later than PT0S/);
    refuses(field, 'infinite', /earlier than P13M/);
  });
});

describe('a historical date field: statement_date_start, P0D..P3Y (§7.3.2)', () => {
  const field = {
    id: 'statement_date_start',
    format: 'relative_or_absolute_date',
    minimum: 'P0D',
    maximum: 'P3Y',
  };
  it('counts back from today in cds_timezone', () => {
    accepts(field, 'P1Y');
    accepts(field, '2023-03-10');
    accepts(field, '2025-03-09');
    refuses(field, '2021-03-10', /earlier than P3Y/);
    refuses(field, '2025-03-10', /later than P0D/);
    expect(absoluteMoment('statement_date_start', 'P1Y', false, NOW)).toBe('2024-03-09');
  });
});

describe('forward fields keep counting forward', () => {
  it('statement_date_end (§7.3.3 adds the relative value)', () => {
    expect(absoluteMoment('statement_date_end', 'P1Y', false, NOW)).toBe('2026-03-09');
    const field = {
      id: 'statement_date_end',
      format: 'relative_or_absolute_date',
      minimum: 'P0D',
      maximum: 'P3Y',
    };
    accepts(field, 'P2Y');
    // Today's date in cds_timezone is not "earlier than P0D", though its midnight is past.
    accepts(field, '2025-03-09');
    refuses(field, '2025-03-08', /earlier than P0D/);
    refuses(field, '2023-03-10', /earlier than P0D/);
  });
  it('sync_until as a datetime: PT0S..P3Y', () => {
    const field = {
      id: 'sync_until',
      format: 'relative_or_absolute_datetime',
      minimum: 'PT0S',
      maximum: 'P3Y',
    };
    accepts(field, 'P1YT2H');
    accepts(field, '2026-01-01T00:00:00-06:00');
    refuses(field, '2026-01-01', /must be a datetime/);
    refuses(field, 'infinite', /later than P3Y/);
  });
});
