// Wall-clock time in an IANA time zone (cds-wg1-02 §3.2 `cds_timezone`: the zone relative dates and
// datetimes are read in, §3.9), for the app's authorization details form and the sandbox Server.

/** The zone, or UTC when this runtime does not know it. */
export function zoneOrUtc(timezone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return timezone;
  } catch {
    return 'UTC';
  }
}

/** The wall-clock time in `timezone` at instant `ms`, as milliseconds of a UTC-based clock. */
export function wallClock(ms: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zoneOrUtc(timezone),
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? '0');
  return Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
    ms % 1000,
  );
}
