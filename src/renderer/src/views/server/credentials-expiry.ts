import { useEffect, useState } from 'react';
import type { CredentialView } from '../../../../shared/ipc/credentials-contract';
import type { StatusTone } from '../../components/status-chip';

// cds-wg1-02 §7.1 `client_secret_expires_at` (seconds since the epoch; 0 never expires, §7.6) as a
// countdown a person reads at a glance, and how urgent it is.

export interface ExpiryDescription {
  readonly text: string;
  readonly tone: StatusTone;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 days 4 hours", "5 hours 12 minutes", "2 minutes", "less than a minute". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const plural = (value: number, unit: string) => `${value} ${unit}${value === 1 ? '' : 's'}`;
  if (s >= 2 * DAY) return plural(Math.floor(s / DAY), 'day');
  if (s >= DAY) {
    const hours = Math.floor((s % DAY) / HOUR);
    return hours > 0 ? `1 day ${plural(hours, 'hour')}` : '1 day';
  }
  if (s >= HOUR) {
    const minutes = Math.floor((s % HOUR) / MINUTE);
    return minutes > 0
      ? `${plural(Math.floor(s / HOUR), 'hour')} ${plural(minutes, 'minute')}`
      : plural(Math.floor(s / HOUR), 'hour');
  }
  if (s >= MINUTE) return plural(Math.floor(s / MINUTE), 'minute');
  return 'less than a minute';
}

export function describeExpiry(
  credential: Pick<CredentialView, 'expiresAt' | 'expired'>,
  nowMs: number,
  warnDays = 14,
): ExpiryDescription {
  const { expiresAt } = credential;
  if (expiresAt === null || expiresAt === 0) {
    return credential.expired
      ? { text: 'Expired', tone: 'neutral' }
      : { text: 'Never expires', tone: 'success' };
  }
  const left = expiresAt - nowMs / 1000;
  if (credential.expired || left <= 0)
    return { text: `Expired ${formatDuration(-left)} ago`, tone: 'neutral' };
  const tone: StatusTone = left < DAY ? 'danger' : left < warnDays * DAY ? 'warning' : 'success';
  return { text: `Expires in ${formatDuration(left)}`, tone };
}

/** The current time, moving every `intervalMs`, so countdowns tick while the view is open. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
