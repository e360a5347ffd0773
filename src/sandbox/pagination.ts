import { badRequest } from './errors';

export interface Page<T> {
  items: T[];
  next: string | null;
  previous: string | null;
}

/**
 * Offset pagination with `next`/`previous` links that keep the request's filters (cds-wg1-02 §5.3,
 * §6.8, §7.3, §8.4, §9.2; cds-wg1-01 §4.1). `prefix` names the parameters of one Messages section.
 */
export function paginate<T>(items: T[], requestUrl: URL, pageSize: number, prefix = ''): Page<T> {
  const param = `${prefix}offset`;
  const raw = requestUrl.searchParams.get(param);
  let offset = 0;
  if (raw !== null) {
    if (!/^\d{1,9}$/.test(raw)) throw badRequest(`The ${param} parameter must be a non-negative integer.`);
    offset = Number(raw);
  }
  const link = (at: number): string => {
    const u = new URL(requestUrl.href);
    u.searchParams.set(param, String(at));
    return u.href;
  };
  return {
    items: items.slice(offset, offset + pageSize),
    next: offset + pageSize < items.length ? link(offset + pageSize) : null,
    previous: offset > 0 ? link(Math.max(0, offset - pageSize)) : null,
  };
}

/** Reverse chronological order by a datetime field, newest first. */
export function newestFirst<T>(items: T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}

/** A space-separated list URL parameter (cds-wg1-02 §5.3 and following), or null when absent. */
export function listParam(url: URL, name: string): Set<string> | null {
  const raw = url.searchParams.get(name);
  if (raw === null) return null;
  return new Set(raw.split(' ').filter((s) => s.length > 0));
}

/** An `after`/`before` datetime parameter (RFC 3339), or null when absent. */
export function datetimeParam(url: URL, name: string): number | null {
  const raw = url.searchParams.get(name);
  if (raw === null) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(raw)) {
    throw badRequest(`The ${name} parameter must be an RFC 3339 datetime (e.g. 2024-01-01T00:00:00Z).`);
  }
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw badRequest(`The ${name} parameter is not a valid datetime.`);
  return t;
}
