import { createContext, type ReactNode, useContext } from 'react';

/**
 * The time zone of the Server whose data is on screen (cds-wg1-02 §3.2 `cds_timezone`: the Server's
 * reference for relative dates). Provided once by the Server workspace; <DateTime> reads it.
 */
const ServerTimeZoneContext = createContext<string | null>(null);

export function ServerTimeZoneProvider({
  timeZone,
  children,
}: {
  readonly timeZone: string | null;
  readonly children: ReactNode;
}) {
  return <ServerTimeZoneContext.Provider value={timeZone}>{children}</ServerTimeZoneContext.Provider>;
}

const isUsableTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
};

/** "12 Mar 2025, 14:05" in this computer's time zone and locale. */
export function formatLocalDateTime(date: Date, dateOnly = false): string {
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    ...(dateOnly ? {} : { timeStyle: 'short' }),
  }).format(date);
}

/** "12 Mar 2025, 09:05 (America/Chicago, the Server's time zone)" for the hover title. */
export function formatServerDateTime(date: Date, timeZone: string, dateOnly = false): string {
  const text = new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    ...(dateOnly ? {} : { timeStyle: 'long' }),
    timeZone,
  }).format(date);
  return `${text} (${timeZone}, the Server’s time zone)`;
}

/**
 * A date from a Server, in local time; hovering (the title) shows it in the Server's time zone when
 * the workspace knows it, else the exact ISO value. A value that is not a date is shown as given.
 */
export function DateTime({
  value,
  dateOnly = false,
  timeZone,
}: {
  readonly value: string | null | undefined;
  readonly dateOnly?: boolean;
  /** Overrides the Server time zone from context. */
  readonly timeZone?: string | null;
}) {
  const contextZone = useContext(ServerTimeZoneContext);
  if (value === null || value === undefined || value === '') return <span className="date-time">—</span>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span className="date-time">{value}</span>;
  const zone = timeZone === undefined ? contextZone : timeZone;
  const title = zone && isUsableTimeZone(zone) ? formatServerDateTime(date, zone, dateOnly) : value;
  return (
    <time className="date-time" dateTime={value} title={title}>
      {formatLocalDateTime(date, dateOnly)}
    </time>
  );
}
