import { countsBackward } from '../../shared/cds/duration-fields';
import { ApiError } from '../errors';
import { isValidEncryptionJwk } from '../response-encryption';
import { scopeDescriptions } from '../scopes';
import type { Json } from '../state';
import { absoluteDetails, dateInServerZone, parseDuration, shift } from './duration-fields';

export const invalidDetails = (description: string): ApiError =>
  new ApiError(400, 'invalid_authorization_details', description);

/** Parses the `authorization_details` parameter (RFC 9396 §2): a JSON array of objects with a `type`. */
export function parseAuthorizationDetails(raw: string | undefined): Json[] | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidDetails('authorization_details is not valid JSON.');
  }
  return checkDetailsShape(value);
}

export function checkDetailsShape(value: unknown): Json[] {
  if (!Array.isArray(value)) throw invalidDetails('authorization_details must be a JSON array.');
  for (const entry of value) {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      throw invalidDetails('Each authorization_details entry must be a JSON object.');
    }
    if (typeof (entry as Json).type !== 'string') {
      throw invalidDetails('Each authorization_details entry needs a string "type".');
    }
  }
  return value as Json[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A relative or absolute date/datetime (cds-wg1-02 §2) as milliseconds, for min/max checks. With
 * `backward` (the historical fields, cds-wg3-01 §7.3) a duration is subtracted and "infinite" is
 * unbounded in the past.
 */
function resolveMoment(value: string, now: Date, withTime: boolean, backward: boolean): number | null {
  if (value === 'infinite') return backward ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (withTime ? DATETIME.test(value) : DATE.test(value)) {
    const t = Date.parse(withTime ? value : `${value}T00:00:00Z`);
    return Number.isNaN(t) ? null : t;
  }
  const duration = parseDuration(value, withTime);
  if (!duration) return null;
  // A relative date counts from today's date in cds_timezone (cds-wg1-02 §3.9), as the absolute dates
  // above are compared: at midnight UTC of their date.
  return shift(withTime ? now : dateInServerZone(now), duration, backward ? -1 : 1).getTime();
}

function decimalOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return value;
  return null;
}

/** Compares two decimal strings exactly (§3.9: never as floats). */
function compareDecimal(a: string, b: string): number {
  const split = (s: string): [boolean, string, string] => {
    const neg = s.startsWith('-');
    const [i = '0', f = ''] = (neg ? s.slice(1) : s).split('.');
    return [neg, i.replace(/^0+(?=\d)/, ''), f.replace(/0+$/, '')];
  };
  const [na, ia, fa] = split(a);
  const [nb, ib, fb] = split(b);
  const zero = (i: string, f: string): boolean => /^0*$/.test(i) && f === '';
  if (zero(ia, fa) && zero(ib, fb)) return 0;
  if (na !== nb) return na ? -1 : 1;
  const sign = na ? -1 : 1;
  if (ia.length !== ib.length) return sign * (ia.length > ib.length ? 1 : -1);
  if (ia !== ib) return sign * (ia > ib ? 1 : -1);
  const len = Math.max(fa.length, fb.length);
  const pa = fa.padEnd(len, '0');
  const pb = fb.padEnd(len, '0');
  return pa === pb ? 0 : sign * (pa > pb ? 1 : -1);
}

/** Checks one value against its Authorization Details Field (cds-wg1-02 §3.8, §3.9); returns it normalised. */
export function checkField(field: Json, value: unknown, now: Date): unknown {
  const id = String(field.id);
  const fail = (why: string): never => {
    throw invalidDetails(`The authorization details field "${id}" ${why}.`);
  };
  const { minimum: min, maximum: max } = field;
  switch (field.format) {
    case 'int': {
      if (typeof value !== 'number' || !Number.isInteger(value)) fail('must be an integer');
      const v = value as number;
      if (typeof min === 'number' && v < min) fail(`must be at least ${min}`);
      if (typeof max === 'number' && v > max) fail(`must be at most ${max}`);
      return v;
    }
    case 'decimal': {
      const v = decimalOf(value) ?? fail('must be a decimal number, written as a string');
      if (typeof min === 'string' && compareDecimal(v, min) < 0) fail(`must be at least ${min}`);
      if (typeof max === 'string' && compareDecimal(v, max) > 0) fail(`must be at most ${max}`);
      return v;
    }
    case 'string':
    case 'string_or_null': {
      if (value === null && field.format === 'string_or_null') return null;
      if (typeof value !== 'string') fail('must be a string');
      const v = value as string;
      if (typeof min === 'number' && v.length < min) fail(`must be at least ${min} characters`);
      if (typeof max === 'number' && v.length > max) fail(`must be at most ${max} characters`);
      return v;
    }
    case 'string_list': {
      if (!Array.isArray(value) || !value.every((s) => typeof s === 'string'))
        fail('must be a list of strings');
      const total = (value as string[]).reduce((n, s) => n + s.length, 0);
      if (typeof max === 'number' && total > max) fail(`may hold at most ${max} characters in total`);
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail('must be true or false');
      return value;
    case 'relative_or_absolute_date':
    case 'relative_or_absolute_datetime': {
      const withTime = field.format === 'relative_or_absolute_datetime';
      const backward = countsBackward(String(field.id));
      const at = typeof value === 'string' ? resolveMoment(value, now, withTime, backward) : null;
      if (at === null)
        fail(`must be ${withTime ? 'a datetime' : 'a date'}, a relative duration or "infinite"`);
      const bound = (b: unknown) =>
        typeof b === 'string' ? resolveMoment(b, now, withTime, backward) : null;
      // For a historical field the maximum duration reaches furthest back: the bounds swap in time.
      const [earliest, latest] = backward ? [max, min] : [min, max];
      const lo = bound(earliest);
      const hi = bound(latest);
      if (lo !== null && (at as number) < lo) fail(`must not be earlier than ${earliest}`);
      if (hi !== null && (at as number) > hi) fail(`must not be later than ${latest}`);
      return value;
    }
    case 'choice': {
      const ids = ((field.choices as Json[] | undefined) ?? []).map((c) => c.id);
      if (typeof value !== 'string' || !ids.includes(value)) fail(`must be one of: ${ids.join(', ')}`);
      return value;
    }
    case 'jwk_or_null':
      if (value === null) return null;
      // cds-wg3-01 §7.4.6: an invalid or unsupported key is invalid_authorization_details.
      if (!isValidEncryptionJwk(value)) fail('must be a public EC P-256 encryption key (JWK) or null');
      return value;
    default:
      return value;
  }
}

/** The Authorization Details Field Objects of each type (cds-wg1-02 §3.8 `for_types`). */
function detailsFieldsOf(base: string): (type: string) => Json[] {
  const descriptions = scopeDescriptions(base);
  return (type) =>
    ((descriptions[type]?.authorization_details_fields_supported as Json[] | undefined) ?? []).filter((f) =>
      (f.for_types as string[]).includes(type),
    );
}

/**
 * Validates `authorization_details` for a Client Object and fills in defaults (cds-wg3-01 §7: defaults
 * used for a Grant are written into it). Each type must be one of the Client Object's
 * `authorization_details_types` (cds-wg1-02 §6.6); unknown fields are refused.
 */
export function normaliseDetails(base: string, allowedTypes: string[], details: Json[], now: Date): Json[] {
  const fieldsOf = detailsFieldsOf(base);
  const out: Json[] = [];
  let jwk: string | undefined;
  for (const entry of details) {
    const type = entry.type as string;
    if (!allowedTypes.includes(type)) {
      throw invalidDetails(
        `The authorization details type "${type}" is not available to this Client Object.`,
      );
    }
    const fields = fieldsOf(type);
    const known = new Set(['type', ...fields.map((f) => String(f.id))]);
    for (const key of Object.keys(entry)) {
      if (!known.has(key))
        throw invalidDetails(`The authorization details field "${key}" is not supported for "${type}".`);
    }
    const normalised: Json = { type };
    for (const field of fields) {
      const id = String(field.id);
      if (Object.hasOwn(entry, id)) normalised[id] = checkField(field, entry[id], now);
      else if (field.is_required === true)
        throw invalidDetails(`The authorization details field "${id}" is required.`);
      else if (Object.hasOwn(field, 'default')) normalised[id] = field.default;
    }
    if ('jwk' in normalised) {
      // cds-wg3-01 §7.4.6: one JWK per request.
      const key = JSON.stringify(normalised.jwk);
      if (jwk !== undefined && jwk !== key) throw invalidDetails('Only one jwk may be given per request.');
      jwk = key;
    }
    out.push(normalised);
  }
  return out;
}

/** The `jwk` of a Grant's authorization details, when one was given (cds-wg3-01 §7.4.6). */
export function grantJwk(details: Json[]): Json | null {
  for (const d of details) if (d.jwk && typeof d.jwk === 'object') return d.jwk as Json;
  return null;
}

/**
 * Normalised details as a Grant created at `at` (or a Token Response issued then) carries them: every
 * relative date or datetime made absolute (cds-wg3-01 §7.3, e.g. `sync_until` "P1Y" becomes the date a
 * year from the Grant's creation, cds-wg3-01 §7.3.1).
 */
export function grantDetails(base: string, details: Json[], at: Date): Json[] {
  return absoluteDetails(details, detailsFieldsOf(base), at);
}
