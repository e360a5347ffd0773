import { describe, expect, it } from 'vitest';
import { absoluteDetails, absoluteMoment, syncDeadline } from '../../../src/sandbox/oauth/duration-fields';

// 2025-03-10T03:30:00Z is still 2025-03-09 (22:30) in America/Chicago, the sandbox's cds_timezone.
const AT = new Date('2025-03-10T03:30:00Z');

describe('absoluteMoment (cds-wg3-01 §7.3)', () => {
  it('counts a relative date from the date in cds_timezone (cds-wg1-02 §3.9)', () => {
    expect(absoluteMoment('sync_until', 'P1Y', false, AT)).toBe('2026-03-09');
    expect(absoluteMoment('sync_until', 'P0D', false, AT)).toBe('2025-03-09');
    expect(absoluteMoment('sync_until', 'P1M2W1D', false, AT)).toBe('2025-04-24');
  });
  it('adds a relative datetime to the creation instant', () => {
    expect(absoluteMoment('expires', 'P1DT2H', true, AT)).toBe('2025-03-11T05:30:00Z');
    expect(absoluteMoment('expires', 'PT0S', true, AT)).toBe('2025-03-10T03:30:00Z');
  });
  it('reaches back for the historical fields', () => {
    expect(absoluteMoment('segment_start', 'P1Y', false, AT)).toBe('2024-03-09');
    expect(absoluteMoment('start_date', 'P30D', false, AT)).toBe('2025-02-07');
  });
  it('keeps absolute values and "infinite"', () => {
    expect(absoluteMoment('sync_until', '2027-01-31', false, AT)).toBe('2027-01-31');
    expect(absoluteMoment('sync_until', 'infinite', false, AT)).toBe('infinite');
    expect(absoluteMoment('expires', '2027-01-31T00:00:00Z', true, AT)).toBe('2027-01-31T00:00:00Z');
  });
});

describe('absoluteDetails', () => {
  it('rewrites only the date and datetime fields of each entry’s type', () => {
    const fieldsOf = (type: string) =>
      type === 'a'
        ? [
            { id: 'sync_until', format: 'relative_or_absolute_date' },
            { id: 'label', format: 'string' },
          ]
        : [];
    const details = [
      { type: 'a', sync_until: 'P1Y', label: 'P1Y' },
      { type: 'b', sync_until: 'P1Y' },
    ];
    expect(absoluteDetails(details, fieldsOf, AT)).toEqual([
      { type: 'a', sync_until: '2026-03-09', label: 'P1Y' },
      { type: 'b', sync_until: 'P1Y' },
    ]);
    expect(details[0]?.sync_until).toBe('P1Y');
  });
});

describe('syncDeadline (cds-wg3-01 §7.3.1)', () => {
  it('a date covers the whole day in cds_timezone, across daylight saving time', () => {
    expect(syncDeadline('2025-01-15')).toBe(Date.parse('2025-01-16T05:59:59Z'));
    // Chicago moved to UTC-5 at 02:00 on 2025-03-09.
    expect(syncDeadline('2025-03-09')).toBe(Date.parse('2025-03-10T04:59:59Z'));
    expect(syncDeadline('2025-11-02')).toBe(Date.parse('2025-11-03T05:59:59Z'));
  });
  it('a datetime is its instant; "infinite" or nothing never stops the syncing', () => {
    expect(syncDeadline('2025-03-10T03:30:00Z')).toBe(Date.parse('2025-03-10T03:30:00Z'));
    expect(syncDeadline('infinite')).toBe(Number.POSITIVE_INFINITY);
    expect(syncDeadline(undefined)).toBe(Number.POSITIVE_INFINITY);
  });
});
