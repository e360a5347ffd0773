import type { ActivityEntry } from '../../../shared/ipc/activity-contract';
import type { StatusTone } from '../components/status-chip';

// How one HTTP attempt of the activity timeline reads: the answer's status in words and a tone, the
// time it took. The URL arrives already redacted by the service (activity-contract.ts).

export interface ActivityStatus {
  readonly label: string;
  readonly tone: StatusTone;
}

const failureWords: Readonly<Record<string, string>> = {
  timeout: 'Timed out',
  'connection-refused': 'Refused',
  reset: 'Connection lost',
  dns: 'Unknown host',
  tls: 'Secure connection failed',
  'too-large': 'Answer too large',
  truncated: 'Answer cut short',
  aborted: 'Stopped',
  'too-many-redirects': 'Too many redirects',
  other: 'No answer',
};

/** "200 OK"-style label: the code and a tone by class; no answer: the failure in words. */
export function activityStatus(entry: Pick<ActivityEntry, 'status' | 'failure'>): ActivityStatus {
  if (entry.status === null) {
    const words = entry.failure ? (failureWords[entry.failure] ?? humanize(entry.failure)) : 'No answer';
    return { label: words, tone: 'danger' };
  }
  const code = entry.status;
  if (code >= 200 && code < 300) return { label: String(code), tone: 'success' };
  if (code >= 300 && code < 400) return { label: String(code), tone: 'info' };
  if (code >= 400 && code < 500) return { label: String(code), tone: 'warning' };
  return { label: String(code), tone: 'danger' };
}

function humanize(code: string): string {
  const words = code.replace(/[-_]+/g, ' ').trim();
  return words.length > 0 ? words.charAt(0).toUpperCase() + words.slice(1) : 'No answer';
}

/** "85 ms", "1.4 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

/** The URL without its origin when that makes it shorter to scan (the Server is in its own column). */
export function splitUrl(url: string): { readonly origin: string; readonly rest: string } {
  try {
    const parsed = new URL(url);
    return { origin: parsed.origin, rest: `${parsed.pathname}${parsed.search}` };
  } catch {
    return { origin: '', rest: url };
  }
}
