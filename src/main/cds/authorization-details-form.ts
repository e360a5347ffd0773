import { countsBackward } from '../../shared/cds/duration-fields';
import {
  type AuthorizationDetailsField,
  DECIMAL_PATTERN,
  type DetailChoice,
  type DetailFieldKind,
  type DetailFieldModel,
  type DetailsFormModel,
  detailFieldKindSchema,
  jwkPublicKeySchema,
  type ScopeDescription,
} from '../../shared/cds/index';
import { wallClock, zoneOrUtc } from '../../shared/wall-clock';

// The authorization details form (cds-wg1-02 §3.8–§3.10, RFC 9396): from a Scope Description's
// `authorization_details_fields_supported`, a description of every field a front end can render and
// validate, and the `authorization_details` entry built from a person's choices. Pure: no I/O, the
// clock and the Server's `cds_timezone` are parameters. The form's shape is the shared schema
// (src/shared/cds/authorization-details-form.ts), which the IPC contract carries as it is.

export type { DetailChoice, DetailFieldKind, DetailFieldModel, DetailsFormModel };

export interface FieldCheckContext {
  readonly now: Date;
  /** An IANA zone (`cds_timezone`); an unknown one falls back to UTC. */
  readonly timezone: string;
}

export type FieldCheck =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

export interface FieldProblem {
  readonly fieldId: string;
  readonly message: string;
}

export type DetailBuild =
  | { readonly ok: true; readonly detail: Record<string, unknown> & { type: string } }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

const fail = (message: string): FieldCheck => ({ ok: false, message });
const pass = (value: unknown): FieldCheck => ({ ok: true, value });

// ---------------------------------------------------------------------------------------------
// Decimals (§3.9: "MUST NOT be stored or handled as a float value"): compared as scaled BigInts.

interface ExactDecimal {
  readonly coefficient: bigint;
  readonly exponent: number;
}

function exactDecimal(text: string): ExactDecimal | null {
  if (!DECIMAL_PATTERN.test(text)) return null;
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = '', exp = '0'] = match;
  const exponent = Number(exp) - fraction.length;
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 10_000) return null;
  const magnitude = BigInt(`${whole}${fraction}`);
  return { coefficient: sign === '-' ? -magnitude : magnitude, exponent };
}

/** Exact comparison of two decimal texts: -1, 0 or 1. */
export function compareDecimals(a: string, b: string): number {
  const x = exactDecimal(a);
  const y = exactDecimal(b);
  if (!x || !y) throw new Error('compareDecimals needs two decimal numbers');
  const exponent = Math.min(x.exponent, y.exponent);
  const scaledX = x.coefficient * 10n ** BigInt(x.exponent - exponent);
  const scaledY = y.coefficient * 10n ** BigInt(y.exponent - exponent);
  return scaledX === scaledY ? 0 : scaledX > scaledY ? 1 : -1;
}

// ---------------------------------------------------------------------------------------------
// Dates (cds-wg1-02 §2 "relative or absolute date/datetime"; durations of RFC 3339 Appendix A).

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
// Components in order, at least one; a `T` part only with at least one time component.
const DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

interface Duration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly hasTime: boolean;
}

function parseDuration(text: string): Duration | null {
  // cds-wg1-02 §2 writes the current datetime as "P0S" (RFC 3339 would say "PT0S"): hours and
  // seconds without the `T` are read as time; minutes without it stay months, as RFC 3339 reads them.
  const normalized = text.includes('T') ? text : text.replace(/^(P(?:\d+[YMWD])*)(?=\d+[HS])/, '$1T');
  const match = DURATION.exec(normalized);
  if (!match) return null;
  const n = (value: string | undefined) => (value === undefined ? 0 : Number(value));
  const parts = match.slice(1).map(n);
  if (parts.some((part) => !Number.isSafeInteger(part) || part > 100_000)) return null;
  const [years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0] = parts;
  const hasTime = match[5] !== undefined || match[6] !== undefined || match[7] !== undefined;
  return { years, months, weeks, days, hours, minutes, seconds, hasTime };
}

function validCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `wall` moved by `duration`, forward (`sign` 1) or back (`sign` -1). */
function addDuration(wall: number, duration: Duration, sign: 1 | -1): number {
  const date = new Date(wall);
  date.setUTCFullYear(
    date.getUTCFullYear() + sign * duration.years,
    date.getUTCMonth() + sign * duration.months,
    date.getUTCDate() + sign * (duration.weeks * 7 + duration.days),
  );
  date.setUTCHours(
    date.getUTCHours() + sign * duration.hours,
    date.getUTCMinutes() + sign * duration.minutes,
    date.getUTCSeconds() + sign * duration.seconds,
  );
  return date.getTime();
}

/**
 * A relative or absolute date/datetime as a point on the Server's wall clock (§3.9: relative values
 * count from the current date or datetime in `cds_timezone`). `Infinity` for "infinite"; null when
 * malformed. For a historical field (`backward`, cds-wg3-01 §7.3) a relative value is subtracted
 * from now and "infinite" is `-Infinity`, unbounded in the past (§7.3.2, §7.3.4, §7.3.6).
 */
function resolveMoment(
  text: string,
  withTime: boolean,
  backward: boolean,
  context: FieldCheckContext,
): number | null {
  if (text === 'infinite') return backward ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const nowWall = wallClock(context.now.getTime(), context.timezone);
  if (text.startsWith('P')) {
    const duration = parseDuration(text);
    // cds-wg1-02 §2: relative dates MUST NOT use hours, minutes or seconds.
    if (!duration || (!withTime && duration.hasTime)) return null;
    const sign = backward ? -1 : 1;
    if (withTime) return addDuration(nowWall, duration, sign);
    const today = new Date(nowWall);
    return addDuration(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()),
      duration,
      sign,
    );
  }
  if (!withTime) {
    const match = DATE.exec(text);
    if (!match) return null;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return validCalendarDate(year, month, day) ? Date.UTC(year, month - 1, day) : null;
  }
  const match = DATETIME.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!validCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 60) return null;
  const offset = match[8] ?? 'Z';
  if (offset !== 'Z' && offset !== 'z') {
    const [oh, om] = offset.slice(1).split(':').map(Number) as [number, number];
    if (oh > 23 || om > 59) return null;
  }
  const instant = Date.parse(text.toUpperCase());
  return Number.isNaN(instant) ? null : wallClock(instant, context.timezone);
}

// ---------------------------------------------------------------------------------------------
// The model.

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function hintOf(field: DetailFieldModel | Omit<DetailFieldModel, 'hint'>): string {
  const { minimum: min, maximum: max } = field;
  // cds-wg3-01 §7.3: the start fields count back; their bounds are durations back too.
  const back = countsBackward(field.id) ? 'back ' : '';
  const range = (unit: string) => {
    if (max === 'infinite')
      return min === undefined || min === null ? '' : ` of at least ${text(min)}${unit}`;
    if (min !== undefined && min !== null && max !== undefined && max !== null)
      return ` from ${text(min)} to ${text(max)}${unit}`;
    if (max !== undefined && max !== null) return ` up to ${text(max)}${unit}`;
    return '';
  };
  switch (field.kind) {
    case 'int':
      return `a whole number${range('')}`;
    case 'decimal':
      return `a decimal number written as text${range('')}`;
    case 'string':
      return `text${range(' characters')}`;
    case 'string_or_null':
      return `text${range(' characters')}, or null`;
    case 'string_list':
      return `a list of texts${range(' characters in total')}`;
    case 'boolean':
      return 'true or false';
    case 'relative_or_absolute_date':
      return `a date (YYYY-MM-DD), a duration ${back}from today (${back ? 'P3Y' : 'P1Y'}, P30D) or "infinite"${range('')}`;
    case 'relative_or_absolute_datetime':
      return `a date and time (RFC 3339), a duration ${back}from now (P30DT2H) or "infinite"${range('')}`;
    case 'choice':
      return `one of: ${field.choices.map((choice) => choice.id).join(', ')}`;
    case 'jwk_or_null':
      return 'a public encryption key (JWK) or null';
    case 'unsupported':
      return `a value in the Server's "${field.format}" format`;
  }
}

/** One field's model. */
export function detailFieldModel(field: AuthorizationDetailsField): DetailFieldModel {
  const known = detailFieldKindSchema.safeParse(field.format);
  const kind: DetailFieldKind = known.success ? known.data : 'unsupported';
  const base = {
    id: field.id,
    name: field.name,
    description: field.description,
    documentation: field.documentation,
    format: field.format,
    kind,
    // §3.8: `default` applies only when the field is not required.
    required: field.is_required,
    ...(field.default !== undefined && !field.is_required ? { default: field.default } : {}),
    ...(field.minimum !== undefined ? { minimum: field.minimum } : {}),
    ...(field.maximum !== undefined ? { maximum: field.maximum } : {}),
    choices: (field.choices ?? []).map((choice) => ({
      id: choice.id,
      name: choice.name,
      description: choice.description,
    })),
  };
  return { ...base, hint: hintOf(base) };
}

/**
 * The form for one scope (§3.4, §3.8): the fields whose `for_types` include the entry's type (a field
 * without `for_types`, as on Servers of the 2025-10 draft, applies to every type).
 */
export function detailsFormOf(
  scope: Pick<
    ScopeDescription,
    'id' | 'authorization_details_types_supported' | 'authorization_details_fields_supported'
  >,
  options: { readonly timezone?: string | null | undefined; readonly type?: string } = {},
): DetailsFormModel {
  const types = scope.authorization_details_types_supported ?? [scope.id];
  const type = options.type ?? (types.includes(scope.id) ? scope.id : (types[0] ?? scope.id));
  const fields = scope.authorization_details_fields_supported
    .filter((field) => field.for_types === undefined || field.for_types.includes(type))
    .map(detailFieldModel);
  const jwkField = fields.find((field) => field.kind === 'jwk_or_null');
  return {
    scopeId: scope.id,
    type,
    fields,
    jwkFieldId: jwkField?.id ?? null,
    timezone: zoneOrUtc(options.timezone ?? 'UTC'),
  };
}

function orderedRange<T>(a: T, b: T, compare: (x: T, y: T) => number): [T, T] {
  return compare(a, b) <= 0 ? [a, b] : [b, a];
}

// §3.8: for a negative value or a historical period the maximum is the most negative / furthest
// back value, so the bounds are read as a range whichever way round they are.
function checkIntRange(field: DetailFieldModel, value: number): FieldCheck {
  const { minimum: min, maximum: max } = field;
  if (typeof min === 'number' && typeof max === 'number') {
    const [lo, hi] = orderedRange(min, max, (x, y) => x - y);
    if (value < lo || value > hi) return fail(`must be from ${lo} to ${hi}`);
    return pass(value);
  }
  if (typeof min === 'number' && value < min) return fail(`must be at least ${min}`);
  if (typeof max === 'number' && value > max) return fail(`must be at most ${max}`);
  return pass(value);
}

function checkDecimalRange(field: DetailFieldModel, value: string): FieldCheck {
  const bound = (b: unknown) =>
    typeof b === 'number' ? String(b) : typeof b === 'string' && b !== 'infinite' ? b : null;
  const min = bound(field.minimum);
  const max = bound(field.maximum);
  if (min !== null && max !== null) {
    const [lo, hi] = orderedRange(min, max, compareDecimals);
    if (compareDecimals(value, lo) < 0 || compareDecimals(value, hi) > 0)
      return fail(`must be from ${lo} to ${hi}`);
    return pass(value);
  }
  if (min !== null && compareDecimals(value, min) < 0) return fail(`must be at least ${min}`);
  if (max !== null && compareDecimals(value, max) > 0) return fail(`must be at most ${max}`);
  return pass(value);
}

function checkLength(field: DetailFieldModel, length: number, unit: string): string | null {
  const { minimum: min, maximum: max } = field;
  if (typeof min === 'number' && length < min) return `must be at least ${min} ${unit}`;
  if (typeof max === 'number' && length > max) return `must be at most ${max} ${unit}`;
  return null;
}

function checkMoment(field: DetailFieldModel, value: unknown, context: FieldCheckContext): FieldCheck {
  const withTime = field.kind === 'relative_or_absolute_datetime';
  // cds-wg3-01 §7.3: `statement_date_start` (§7.3.2), `start_date` (§7.3.4) and `segment_start`
  // (§7.3.6) subtract a relative value, and their relative bounds, from now.
  const backward = countsBackward(field.id);
  const from = backward ? 'back from' : 'from';
  const expected = withTime
    ? `must be a date and time (like 2025-01-31T12:00:00Z), a duration ${from} now (like P30DT2H) or "infinite"`
    : `must be a date (like 2025-01-31), a duration ${from} today (like ${backward ? 'P3Y' : 'P1Y'} or P30D, no hours) or "infinite"`;
  if (typeof value !== 'string') return fail(expected);
  const at = resolveMoment(value, withTime, backward, context);
  if (at === null) return fail(expected);
  const bound = (b: unknown) =>
    typeof b === 'string' ? resolveMoment(b, withTime, backward, context) : null;
  // A relative bound of a historical field reads "P13M back from now".
  const boundText = (b: unknown) =>
    backward && typeof b === 'string' && b.startsWith('P')
      ? `${b} ${from} ${withTime ? 'now' : 'today'}`
      : text(b);
  const min = bound(field.minimum);
  const max = bound(field.maximum);
  if (min !== null && max !== null) {
    const [lo, hi] = orderedRange(min, max, (x, y) => (x === y ? 0 : x < y ? -1 : 1));
    const [loText, hiText] = lo === min ? [field.minimum, field.maximum] : [field.maximum, field.minimum];
    if (at < lo) return fail(`must not be earlier than ${boundText(loText)} (in ${context.timezone})`);
    if (at > hi) return fail(`must not be later than ${boundText(hiText)} (in ${context.timezone})`);
    return pass(value);
  }
  // cds-wg1-02 §3.8: for a historical period the minimum is the bound closest to now and the maximum
  // the furthest back, so a lone bound of a historical field limits the other side.
  const [floor, ceiling] = backward
    ? [
        { at: max, text: field.maximum },
        { at: min, text: field.minimum },
      ]
    : [
        { at: min, text: field.minimum },
        { at: max, text: field.maximum },
      ];
  if (floor.at !== null && at < floor.at) return fail(`must not be earlier than ${boundText(floor.text)}`);
  if (ceiling.at !== null && at > ceiling.at)
    return fail(`must not be later than ${boundText(ceiling.text)}`);
  return pass(value);
}

/** Checks one value against its field (§3.8, §3.9); returns the value to send. */
export function checkDetailValue(
  field: DetailFieldModel,
  value: unknown,
  context: FieldCheckContext,
): FieldCheck {
  switch (field.kind) {
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return fail('must be a whole number');
      return checkIntRange(field, value);
    case 'decimal':
      // A number would already have passed through a float; only text keeps every digit.
      if (typeof value !== 'string' || exactDecimal(value) === null)
        return fail('must be a decimal number written as text, like "12.50"');
      return checkDecimalRange(field, value);
    case 'string_or_null':
      if (value === null) return pass(null);
      if (typeof value !== 'string') return fail('must be text or null');
      return checkTextLength(field, value);
    case 'string':
      if (typeof value !== 'string') return fail('must be text');
      return checkTextLength(field, value);
    case 'string_list': {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
        return fail('must be a list of texts');
      const total = (value as string[]).reduce((sum, item) => sum + item.length, 0);
      const problem = checkLength(field, total, 'characters in total');
      return problem ? fail(problem) : pass([...(value as string[])]);
    }
    case 'boolean':
      return typeof value === 'boolean' ? pass(value) : fail('must be true or false');
    case 'relative_or_absolute_date':
    case 'relative_or_absolute_datetime':
      return checkMoment(field, value, context);
    case 'choice': {
      const ids = field.choices.map((choice) => choice.id);
      return typeof value === 'string' && ids.includes(value)
        ? pass(value)
        : fail(`must be one of: ${ids.join(', ')}`);
    }
    case 'jwk_or_null': {
      if (value === null) return pass(null);
      const parsed = jwkPublicKeySchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? `"${issue.path.join('.')}" ` : '';
        return fail(
          `must be a public encryption key (JWK) or null: ${where}${issue?.message ?? 'not a JWK'}`,
        );
      }
      return pass(parsed.data);
    }
    case 'unsupported':
      return value === undefined ? fail('needs a value') : pass(value);
  }
}

function checkTextLength(field: DetailFieldModel, value: string): FieldCheck {
  const problem = checkLength(field, value.length, 'characters');
  return problem ? fail(problem) : pass(value);
}

/**
 * The `authorization_details` entry for a person's values (RFC 9396 §2): every given value checked,
 * a required field without a value refused (§3.8 `is_required`), an optional one without a value
 * given its default. A value for a field the form does not have is refused: the Server would.
 */
export function buildAuthorizationDetail(
  form: DetailsFormModel,
  values: Readonly<Record<string, unknown>>,
  context: FieldCheckContext,
): DetailBuild {
  const problems: FieldProblem[] = [];
  const detail: Record<string, unknown> & { type: string } = { type: form.type };
  const known = new Set(form.fields.map((field) => field.id));
  for (const id of Object.keys(values)) {
    if (!known.has(id) && values[id] !== undefined) {
      problems.push({
        fieldId: id,
        message: `"${id}" is not an authorization details field of ${form.scopeId}`,
      });
    }
  }
  for (const field of form.fields) {
    const given = Object.hasOwn(values, field.id) ? values[field.id] : undefined;
    if (given === undefined) {
      if (field.required) problems.push({ fieldId: field.id, message: `${field.name} is required` });
      else if (field.default !== undefined) detail[field.id] = field.default;
      continue;
    }
    const checked = checkDetailValue(field, given, context);
    if (checked.ok) detail[field.id] = checked.value;
    else problems.push({ fieldId: field.id, message: `${field.name} ${checked.message}` });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, detail };
}

/**
 * A value typed as text (the CLI's `--detail NAME=VALUE`) in the field's JSON type. Lists are
 * comma-separated or a JSON array; `null` means null where the format allows it; a JWK is JSON.
 * Returns a FieldCheck whose value still needs `checkDetailValue`.
 */
export function parseDetailText(field: DetailFieldModel, input: string): FieldCheck {
  const trimmed = input.trim();
  switch (field.kind) {
    case 'int':
      if (!/^-?\d{1,15}$/.test(trimmed)) return fail('must be a whole number');
      return pass(Number(trimmed));
    case 'decimal':
    case 'relative_or_absolute_date':
    case 'relative_or_absolute_datetime':
    case 'choice':
      return pass(trimmed);
    case 'string':
      return pass(input);
    case 'string_or_null':
      return pass(trimmed === 'null' ? null : input);
    case 'string_list': {
      if (trimmed === '') return pass([]);
      if (trimmed.startsWith('[')) return parseJson(trimmed);
      return pass(trimmed.split(',').map((item) => item.trim()));
    }
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (['true', 'yes', '1'].includes(lower)) return pass(true);
      if (['false', 'no', '0'].includes(lower)) return pass(false);
      return fail('must be true or false');
    }
    case 'jwk_or_null':
      return trimmed === 'null' ? pass(null) : parseJson(trimmed);
    case 'unsupported': {
      const parsed = parseJson(trimmed);
      return parsed.ok ? parsed : pass(input);
    }
  }
}

function parseJson(input: string): FieldCheck {
  try {
    return pass(JSON.parse(input) as unknown);
  } catch {
    return fail('is not valid JSON');
  }
}
