import { countsBackward } from '../../shared/cds/duration-fields';
import { wallClock } from '../../shared/wall-clock';
import { isoSeconds } from '../clock';
import { TIMEZONE } from '../metadata';
import type { Json } from '../state';

// Relative dates and datetimes of authorization details (cds-wg1-02 §2, §3.9) and what a Grant makes
// of them: cds-wg3-01 §7.3 has the Server turn a relative value into an absolute one when it creates
// the Grant (and in the Token Response), so a Client learns the date it was given.

const REL_DATE = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/;
const REL_DATETIME = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

export interface Duration {
  readonly years: number;
  readonly months: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

const NO_TIME: Duration = { years: 0, months: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

/** An RFC 3339 Appendix A duration; relative dates (no `withTime`) take no hours, minutes or seconds. */
export function parseDuration(value: string, withTime: boolean): Duration | null {
  const m = (withTime ? REL_DATETIME : REL_DATE).exec(value);
  if (!m) return null;
  const n = (s: string | undefined): number => (s ? Number.parseInt(s, 10) : 0);
  return {
    years: n(m[1]),
    months: n(m[2]),
    days: 7 * n(m[3]) + n(m[4]),
    hours: n(m[6]),
    minutes: n(m[7]),
    seconds: n(m[8]),
  };
}

/** `from` moved by the duration on a UTC calendar, forwards (sign 1) or backwards (sign -1). */
export function shift(from: Date, duration: Duration, sign: 1 | -1 = 1): Date {
  const d = new Date(from.getTime());
  d.setUTCFullYear(
    d.getUTCFullYear() + sign * duration.years,
    d.getUTCMonth() + sign * duration.months,
    d.getUTCDate() + sign * duration.days,
  );
  d.setUTCHours(
    d.getUTCHours() + sign * duration.hours,
    d.getUTCMinutes() + sign * duration.minutes,
    d.getUTCSeconds() + sign * duration.seconds,
  );
  return d;
}

/** The calendar date at instant `at` in the Server's `cds_timezone`, as midnight UTC of that date. */
export function dateInServerZone(at: Date): Date {
  const wall = new Date(wallClock(at.getTime(), TIMEZONE));
  return new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()));
}

/** The instant at which the wall clock of the Server's `cds_timezone` shows midnight of `date`. */
function serverMidnight(date: Date): number {
  const wall = date.getTime();
  // Less the zone's offset about then, looked up twice in case a DST change lies in between.
  let instant = wall;
  for (let i = 0; i < 2; i += 1) instant = wall - (wallClock(instant, TIMEZONE) - instant);
  return instant;
}

/**
 * A relative date or datetime made absolute at `at` (cds-wg3-01 §7.3 "Duration Fields": "the Server
 * MUST convert that relative string into an absolute string ... that is the Server's Grant creation
 * time plus the duration"); relative dates count from the date in `cds_timezone` (cds-wg1-02 §3.9).
 * Absolute values and "infinite" are kept as given.
 */
export function absoluteMoment(fieldId: string, value: string, withTime: boolean, at: Date): string {
  const duration = parseDuration(value, withTime);
  if (!duration) return value;
  // cds-wg3-01 §7.3: for the historical fields a relative value reaches back from the Grant's creation.
  const sign = countsBackward(fieldId) ? -1 : 1;
  if (withTime) return isoSeconds(shift(at, duration, sign));
  return shift(dateInServerZone(at), duration, sign).toISOString().slice(0, 10);
}

/**
 * Every relative value of `details` made absolute at `at`, the time the Grant is created (cds-wg3-01
 * §7.3: a Grant and a Token Response MUST NOT carry a relative date or datetime). `fieldsOf` gives the
 * Authorization Details Field Objects of a type (cds-wg1-02 §3.8).
 */
export function absoluteDetails(details: Json[], fieldsOf: (type: string) => Json[], at: Date): Json[] {
  return details.map((entry) => {
    const out: Json = { ...entry };
    for (const field of fieldsOf(String(entry.type))) {
      const id = String(field.id);
      const withTime = field.format === 'relative_or_absolute_datetime';
      if (!withTime && field.format !== 'relative_or_absolute_date') continue;
      if (typeof out[id] === 'string') out[id] = absoluteMoment(id, out[id] as string, withTime, at);
    }
    return out;
  });
}

/**
 * The last instant whose data a Grant may see, from its absolute `sync_until` (cds-wg3-01 §7.3.1: data
 * "valid on or before the `sync_until` datetime"); a date covers the whole of that day in
 * `cds_timezone`. Infinity for "infinite" or no value.
 */
export function syncDeadline(syncUntil: unknown): number {
  if (typeof syncUntil !== 'string' || syncUntil === 'infinite') return Number.POSITIVE_INFINITY;
  if (/^\d{4}-\d{2}-\d{2}$/.test(syncUntil)) {
    const nextDay = shift(new Date(`${syncUntil}T00:00:00Z`), { ...NO_TIME, days: 1 });
    return serverMidnight(nextDay) - 1000;
  }
  const t = Date.parse(syncUntil);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}
