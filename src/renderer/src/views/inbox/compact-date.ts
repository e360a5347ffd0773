// Dates for list rows, formatted with formatters built once: a virtualised list renders rows while
// scrolling, so building an Intl.DateTimeFormat per row would cost frames.

let timeFormat: Intl.DateTimeFormat | null = null;
let dayFormat: Intl.DateTimeFormat | null = null;
let yearFormat: Intl.DateTimeFormat | null = null;
const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat | null {
  if (!zoneFormats.has(timeZone)) {
    try {
      zoneFormats.set(
        timeZone,
        new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'long', timeZone }),
      );
    } catch {
      zoneFormats.set(timeZone, null);
    }
  }
  return zoneFormats.get(timeZone) ?? null;
}

/** "14:05" today, "12 Mar" this year, "12 Mar 2024" before: in this computer's time zone. */
export function compactDate(date: Date, now: Date): string {
  if (date.toDateString() === now.toDateString()) {
    timeFormat ??= new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
    return timeFormat.format(date);
  }
  if (date.getFullYear() === now.getFullYear()) {
    dayFormat ??= new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
    return dayFormat.format(date);
  }
  yearFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
  return yearFormat.format(date);
}

/** The hover text: the Server's time zone (cds-wg1-02 §3.2 `cds_timezone`) when known, else the ISO value. */
export function serverZoneTitle(date: Date, iso: string, timeZone: string | null): string {
  const format = timeZone ? zoneFormat(timeZone) : null;
  return format ? `${format.format(date)} (${timeZone}, the Server’s time zone)` : iso;
}
