import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildAuthorizationDetail,
  checkDetailValue,
  compareDecimals,
  type DetailFieldModel,
  detailFieldModel,
  detailsFormOf,
  parseDetailText,
} from '../../../src/main/cds/authorization-details-form';
import {
  authorizationDetailsFieldSchema,
  parseCds,
  publicAuthorizationServerMetadataSchema,
} from '../../../src/shared/cds/index';
import { loadFixture } from '../schemas/spec-fixtures';

const field = (overrides: Record<string, unknown>): DetailFieldModel =>
  detailFieldModel(
    authorizationDetailsFieldSchema.parse({
      id: 'f',
      name: 'Field',
      description: 'A field',
      documentation: 'https://example.com/f',
      for_types: ['scope_a'],
      is_required: false,
      ...overrides,
    }),
  );

// 2025-03-10T03:30:00Z is still 2025-03-09 (22:30, UTC-5 since that morning's DST change) in America/Chicago.
const NOW = new Date('2025-03-10T03:30:00Z');
const chicago = { now: NOW, timezone: 'America/Chicago' };
const utc = { now: NOW, timezone: 'UTC' };

const ok = (value: unknown) => ({ ok: true, value });

describe('int (cds-wg1-02 §3.9)', () => {
  const f = field({ format: 'int', minimum: 1, maximum: 100 });
  it('accepts whole numbers inside the bounds, bounds included', () => {
    expect(checkDetailValue(f, 1, utc)).toEqual(ok(1));
    expect(checkDetailValue(f, 100, utc)).toEqual(ok(100));
  });
  it('refuses out-of-range, fractional, text and unsafe numbers', () => {
    expect(checkDetailValue(f, 0, utc).ok).toBe(false);
    expect(checkDetailValue(f, 101, utc).ok).toBe(false);
    expect(checkDetailValue(f, 1.5, utc).ok).toBe(false);
    expect(checkDetailValue(f, '5', utc).ok).toBe(false);
    expect(checkDetailValue(field({ format: 'int', minimum: 0, maximum: 'infinite' }), 2 ** 60, utc).ok).toBe(
      false,
    );
  });
  it('"infinite" maximum leaves the top open', () => {
    const open = field({ format: 'int', minimum: 0, maximum: 'infinite' });
    expect(checkDetailValue(open, 1_000_000_000, utc)).toEqual(ok(1_000_000_000));
    expect(checkDetailValue(open, -1, utc).ok).toBe(false);
  });
  it('a negative field (maximum most negative, §3.8) is read as a range either way round', () => {
    const negative = field({ format: 'int', minimum: -1, maximum: -10 });
    expect(checkDetailValue(negative, -5, utc)).toEqual(ok(-5));
    expect(checkDetailValue(negative, -11, utc).ok).toBe(false);
    expect(checkDetailValue(negative, 0, utc).ok).toBe(false);
  });
  it('parses text from the command line', () => {
    expect(parseDetailText(f, ' 42 ')).toEqual(ok(42));
    expect(parseDetailText(f, '4.2').ok).toBe(false);
    expect(parseDetailText(f, 'many').ok).toBe(false);
  });
  it('the hint says the range', () => {
    expect(f.hint).toBe('a whole number from 1 to 100');
  });
});

describe('decimal: kept as text, compared exactly (§3.9)', () => {
  const f = field({ format: 'decimal', minimum: '0.00', maximum: '100000.00' });
  it('keeps the text exactly as typed', () => {
    expect(checkDetailValue(f, '12.50', utc)).toEqual(ok('12.50'));
    expect(checkDetailValue(f, '0.1000000000000000000001', utc)).toEqual(ok('0.1000000000000000000001'));
  });
  it('never accepts a JSON number (it would have passed through a float)', () => {
    expect(checkDetailValue(f, 12.5, utc).ok).toBe(false);
  });
  it('refuses malformed text and values outside the bounds, exactly at the edge', () => {
    expect(checkDetailValue(f, '12,50', utc).ok).toBe(false);
    expect(checkDetailValue(f, '.5', utc).ok).toBe(false);
    expect(checkDetailValue(f, '100000.00', utc).ok).toBe(true);
    expect(checkDetailValue(f, '100000.0000000000000000001', utc).ok).toBe(false);
    expect(checkDetailValue(f, '-0.0000000000000000001', utc).ok).toBe(false);
    expect(checkDetailValue(f, '1e5', utc).ok).toBe(true);
    expect(checkDetailValue(f, '1.00000001e5', utc).ok).toBe(false);
  });
  it('numeric bounds from the Server become text (schema) and still compare exactly', () => {
    const g = field({ format: 'decimal', minimum: 0.1, maximum: 'infinite' });
    expect(g.minimum).toBe('0.1');
    expect(checkDetailValue(g, '0.09999999999999999999', utc).ok).toBe(false);
    expect(checkDetailValue(g, '99999999999999999999999.5', utc).ok).toBe(true);
  });
  it('compareDecimals agrees with BigInt arithmetic on scaled integers', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        (a, b) => {
          const asText = (n: bigint) => {
            const sign = n < 0n ? '-' : '';
            const digits = (n < 0n ? -n : n).toString().padStart(7, '0');
            return `${sign}${digits.slice(0, -6)}.${digits.slice(-6)}`;
          };
          expect(compareDecimals(asText(a), asText(b))).toBe(a === b ? 0 : a > b ? 1 : -1);
        },
      ),
    );
  });
  it('parses text unchanged', () => {
    expect(parseDetailText(f, '0.10')).toEqual(ok('0.10'));
  });
});

describe('string and string_or_null', () => {
  const s = field({ format: 'string', minimum: 2, maximum: 5 });
  const n = field({ format: 'string_or_null', maximum: 3 });
  it('checks the length', () => {
    expect(checkDetailValue(s, 'abc', utc)).toEqual(ok('abc'));
    expect(checkDetailValue(s, 'a', utc).ok).toBe(false);
    expect(checkDetailValue(s, 'abcdef', utc).ok).toBe(false);
    expect(checkDetailValue(s, null, utc).ok).toBe(false);
    expect(checkDetailValue(s, 3, utc).ok).toBe(false);
  });
  it('string_or_null takes null, and "null" on the command line', () => {
    expect(checkDetailValue(n, null, utc)).toEqual(ok(null));
    expect(checkDetailValue(n, 'abcd', utc).ok).toBe(false);
    expect(parseDetailText(n, 'null')).toEqual(ok(null));
    expect(parseDetailText(n, 'abc')).toEqual(ok('abc'));
  });
});

describe('string_list: combined length limit', () => {
  const f = field({ format: 'string_list', minimum: 0, maximum: 10 });
  it('limits the sum of the lengths', () => {
    expect(checkDetailValue(f, ['12345', '12345'], utc)).toEqual(ok(['12345', '12345']));
    expect(checkDetailValue(f, ['12345', '123456'], utc).ok).toBe(false);
    expect(checkDetailValue(f, [], utc)).toEqual(ok([]));
    expect(checkDetailValue(f, ['a', 1], utc).ok).toBe(false);
    expect(checkDetailValue(f, 'a,b', utc).ok).toBe(false);
  });
  it('parses comma lists and JSON arrays', () => {
    expect(parseDetailText(f, 'A-1, B-2')).toEqual(ok(['A-1', 'B-2']));
    expect(parseDetailText(f, '["a,b"]')).toEqual(ok(['a,b']));
    expect(parseDetailText(f, '')).toEqual(ok([]));
    expect(parseDetailText(f, '[oops').ok).toBe(false);
  });
});

describe('boolean and choice', () => {
  const b = field({ format: 'boolean' });
  const c = field({
    format: 'choice',
    choices: [
      { id: 'one', name: 'One', description: '1', documentation: 'https://example.com/1' },
      { id: 'two', name: 'Two', description: '2', documentation: 'https://example.com/2' },
    ],
  });
  it('boolean takes true/false only', () => {
    expect(checkDetailValue(b, false, utc)).toEqual(ok(false));
    expect(checkDetailValue(b, 'false', utc).ok).toBe(false);
    expect(parseDetailText(b, 'Yes')).toEqual(ok(true));
    expect(parseDetailText(b, 'no')).toEqual(ok(false));
    expect(parseDetailText(b, 'maybe').ok).toBe(false);
  });
  it('choice takes one of the ids', () => {
    expect(checkDetailValue(c, 'two', utc)).toEqual(ok('two'));
    expect(checkDetailValue(c, 'Two', utc).ok).toBe(false);
    expect(c.choices.map((choice) => choice.id)).toEqual(['one', 'two']);
    expect(c.hint).toBe('one of: one, two');
  });
});

describe('relative_or_absolute_date (§2, §3.9: relative to today in cds_timezone)', () => {
  const f = field({ format: 'relative_or_absolute_date', minimum: 'P0D', maximum: 'P3Y' });
  it('accepts durations, dates and checks them against relative bounds', () => {
    expect(checkDetailValue(f, 'P1Y', chicago)).toEqual(ok('P1Y'));
    expect(checkDetailValue(f, 'P0D', chicago)).toEqual(ok('P0D'));
    expect(checkDetailValue(f, 'P3Y', chicago)).toEqual(ok('P3Y'));
    expect(checkDetailValue(f, 'P3Y1D', chicago).ok).toBe(false);
    expect(checkDetailValue(f, 'P2W', chicago)).toEqual(ok('P2W'));
    expect(checkDetailValue(f, 'infinite', chicago).ok).toBe(false);
  });
  it('"today" is the Server\'s date: 2025-03-09 in Chicago while UTC is already on the 10th', () => {
    expect(checkDetailValue(f, '2025-03-09', chicago)).toEqual(ok('2025-03-09'));
    expect(checkDetailValue(f, '2025-03-09', utc).ok).toBe(false);
    expect(checkDetailValue(f, '2028-03-09', chicago)).toEqual(ok('2028-03-09'));
    expect(checkDetailValue(f, '2028-03-10', chicago).ok).toBe(false);
    expect(checkDetailValue(f, '2028-03-10', utc)).toEqual(ok('2028-03-10'));
  });
  it('refuses hours in a relative date, impossible dates and other shapes', () => {
    expect(checkDetailValue(f, 'PT5H', chicago).ok).toBe(false);
    expect(checkDetailValue(f, 'P1DT1H', chicago).ok).toBe(false);
    expect(checkDetailValue(f, '2025-02-30', chicago).ok).toBe(false);
    expect(checkDetailValue(f, '2025-3-9', chicago).ok).toBe(false);
    expect(checkDetailValue(f, 'P', chicago).ok).toBe(false);
    expect(checkDetailValue(f, 'P1D1Y', chicago).ok).toBe(false);
    expect(checkDetailValue(f, 20250309, chicago).ok).toBe(false);
  });
  it('"infinite" passes when the maximum is infinite', () => {
    const open = field({ format: 'relative_or_absolute_date', minimum: 'P0D', maximum: 'infinite' });
    expect(checkDetailValue(open, 'infinite', chicago)).toEqual(ok('infinite'));
    expect(checkDetailValue(open, 'P100Y', chicago)).toEqual(ok('P100Y'));
  });
  it('absolute bounds form a range either way round (historical fields, §3.8)', () => {
    const back = field({ format: 'relative_or_absolute_date', minimum: '2025-01-01', maximum: '2020-01-01' });
    expect(checkDetailValue(back, '2022-06-30', chicago).ok).toBe(true);
    expect(checkDetailValue(back, '2019-12-31', chicago).ok).toBe(false);
    expect(checkDetailValue(back, '2025-01-02', chicago).ok).toBe(false);
  });
  it('an unknown timezone falls back to UTC', () => {
    expect(checkDetailValue(f, '2025-03-09', { now: NOW, timezone: 'Mars/Olympus' }).ok).toBe(false);
    expect(
      detailsFormOf({ id: 's', authorization_details_fields_supported: [] }, { timezone: 'Nope/Nope' })
        .timezone,
    ).toBe('UTC');
  });
});

describe('relative_or_absolute_datetime', () => {
  const f = field({ format: 'relative_or_absolute_datetime', minimum: 'P0S', maximum: 'P30DT2H' });
  it('accepts durations with time and RFC 3339 datetimes inside the bounds', () => {
    expect(checkDetailValue(f, 'PT1H', chicago)).toEqual(ok('PT1H'));
    expect(checkDetailValue(f, 'P30DT2H', chicago)).toEqual(ok('P30DT2H'));
    expect(checkDetailValue(f, 'P30DT3H', chicago).ok).toBe(false);
    expect(checkDetailValue(f, '2025-03-20T12:00:00-05:00', chicago)).toEqual(
      ok('2025-03-20T12:00:00-05:00'),
    );
    expect(checkDetailValue(f, '2025-03-10T03:00:00Z', chicago).ok).toBe(false);
    expect(checkDetailValue(f, '2025-03-20T12:00:00.250Z', chicago).ok).toBe(true);
  });
  it('reads the spec\'s "P0S" (no T) as now, and "P1M" as a month', () => {
    const g = field({ format: 'relative_or_absolute_datetime', minimum: 'P0S', maximum: 'P1M' });
    expect(checkDetailValue(g, 'P1D2H', chicago).ok).toBe(true);
    expect(checkDetailValue(g, 'P32D', chicago).ok).toBe(false);
    expect(checkDetailValue(g, 'PT1M', chicago).ok).toBe(true);
  });
  it('refuses datetimes without an offset and impossible times', () => {
    expect(checkDetailValue(f, '2025-03-20T12:00:00', chicago).ok).toBe(false);
    expect(checkDetailValue(f, '2025-03-20T25:00:00Z', chicago).ok).toBe(false);
    expect(checkDetailValue(f, '2025-03-20', chicago).ok).toBe(false);
  });
});

describe('historical start fields count back from now (cds-wg3-01 §7.3)', () => {
  // The spec's own metadata (cds-wg3-01 §13.1.1): `segment_start` of cds_usage_1 is "P13M" by default,
  // between "PT0S" and "P13M": any moment from 13 months ago up to now (§7.3.6).
  const metadata = parseCds(
    publicAuthorizationServerMetadataSchema,
    loadFixture('wg3-01-13.1.1-authorization-server-metadata.json'),
    'Authorization Server metadata',
  );
  const fixtureField = (scopeId: string, fieldId: string): DetailFieldModel => {
    const found = metadata.cds_scope_descriptions[scopeId]?.authorization_details_fields_supported.find(
      (f) => f.id === fieldId,
    );
    if (!found) throw new Error(`${scopeId} ${fieldId} is not in the fixture`);
    return detailFieldModel(found);
  };
  const segmentStart = fixtureField('cds_usage_1', 'segment_start');

  it('the fixture gives segment_start the bounds the tests rely on', () => {
    expect(segmentStart).toMatchObject({
      kind: 'relative_or_absolute_datetime',
      default: 'P13M',
      minimum: 'PT0S',
      maximum: 'P13M',
    });
  });
  it('segment_start (§7.3.6): durations back within PT0S..P13M pass, P14M does not', () => {
    expect(checkDetailValue(segmentStart, 'P6M', utc)).toEqual(ok('P6M'));
    expect(checkDetailValue(segmentStart, 'PT0S', utc)).toEqual(ok('PT0S'));
    expect(checkDetailValue(segmentStart, 'P13M', utc)).toEqual(ok('P13M'));
    expect(checkDetailValue(segmentStart, 'P14M', utc)).toEqual({
      ok: false,
      message: 'must not be earlier than P13M back from now (in UTC)',
    });
  });
  it('segment_start: an absolute datetime in the past 13 months passes; older, future or "infinite" fail', () => {
    // NOW is 2025-03-10T03:30:00Z.
    expect(checkDetailValue(segmentStart, '2024-09-10T03:30:00Z', utc)).toEqual(ok('2024-09-10T03:30:00Z'));
    expect(checkDetailValue(segmentStart, '2024-09-09T22:30:00-05:00', chicago).ok).toBe(true);
    expect(checkDetailValue(segmentStart, '2023-03-10T03:30:00Z', utc).ok).toBe(false);
    expect(checkDetailValue(segmentStart, '2025-04-10T03:30:00Z', utc)).toEqual({
      ok: false,
      message: 'must not be later than PT0S back from now (in UTC)',
    });
    // "infinite" is unbounded in the past (§7.3.6), beyond the 13 months this Server allows.
    expect(checkDetailValue(segmentStart, 'infinite', utc).ok).toBe(false);
  });
  it('segment_end (§7.3.7) still counts forward', () => {
    const segmentEnd = fixtureField('cds_usage_1', 'segment_end');
    expect(checkDetailValue(segmentEnd, 'infinite', utc)).toEqual(ok('infinite'));
    expect(checkDetailValue(segmentEnd, '2024-09-10T03:30:00Z', utc).ok).toBe(false);
  });
  it('the hints and format errors say "back"', () => {
    expect(segmentStart.hint).toBe(
      'a date and time (RFC 3339), a duration back from now (P30DT2H) or "infinite" from PT0S to P13M',
    );
    expect(checkDetailValue(segmentStart, 'yesterday', utc)).toMatchObject({
      ok: false,
      message: expect.stringContaining('a duration back from now (like P30DT2H)'),
    });
  });

  const dateField = (id: string, maximum: string) =>
    field({ id, format: 'relative_or_absolute_date', minimum: 'P0D', maximum });
  const start = dateField('statement_date_start', 'P3Y');
  const end = dateField('statement_date_end', 'P3Y');
  it('statement_date_start (§7.3.2): back from today in cds_timezone, P0D..P3Y', () => {
    expect(checkDetailValue(start, 'P1Y', chicago)).toEqual(ok('P1Y'));
    expect(checkDetailValue(start, 'P3Y1D', chicago).ok).toBe(false);
    // Today is 2025-03-09 in Chicago: two years back passes, four years back and tomorrow do not.
    expect(checkDetailValue(start, '2023-03-09', chicago)).toEqual(ok('2023-03-09'));
    expect(checkDetailValue(start, '2022-03-09', chicago)).toEqual(ok('2022-03-09'));
    expect(checkDetailValue(start, '2022-03-08', chicago).ok).toBe(false);
    expect(checkDetailValue(start, '2021-03-09', chicago).ok).toBe(false);
    expect(checkDetailValue(start, '2025-03-10', chicago).ok).toBe(false);
    expect(checkDetailValue(start, 'infinite', chicago).ok).toBe(false);
    expect(start.hint).toBe(
      'a date (YYYY-MM-DD), a duration back from today (P3Y, P30D) or "infinite" from P0D to P3Y',
    );
    expect(checkDetailValue(start, 'P1DT1H', chicago)).toMatchObject({
      ok: false,
      message: expect.stringContaining('a duration back from today (like P3Y'),
    });
  });
  it('with the fixture\'s open bounds (P0D..infinite) "infinite" and any past date pass, the future does not', () => {
    const open = fixtureField('cds_query_bill_statements_1', 'statement_date_start');
    expect(checkDetailValue(open, 'infinite', utc)).toEqual(ok('infinite'));
    expect(checkDetailValue(open, '1990-01-01', utc)).toEqual(ok('1990-01-01'));
    expect(checkDetailValue(open, '2026-01-01', utc).ok).toBe(false);
  });
  it('start_date (§7.3.4) counts back too', () => {
    const sections = dateField('start_date', 'P1Y');
    expect(checkDetailValue(sections, '2024-06-01', utc)).toEqual(ok('2024-06-01'));
    expect(checkDetailValue(sections, '2025-06-01', utc).ok).toBe(false);
  });
  it('a forward field with the same bounds is unchanged (§7.3.3: statement_date_end adds)', () => {
    expect(checkDetailValue(end, '2023-03-09', chicago).ok).toBe(false);
    expect(checkDetailValue(end, '2027-03-09', chicago)).toEqual(ok('2027-03-09'));
    expect(end.hint).toBe(
      'a date (YYYY-MM-DD), a duration from today (P1Y, P30D) or "infinite" from P0D to P3Y',
    );
  });
  it('a lone bound of a historical field limits the side §3.8 gives it', () => {
    // Not valid metadata (§3.8 requires a minimum beside a maximum), but read the §3.8 way: the
    // minimum is the closest to now, the maximum the furthest back.
    const onlyMin = { ...start, maximum: undefined };
    expect(checkDetailValue(onlyMin, '2000-01-01', chicago).ok).toBe(true);
    expect(checkDetailValue(onlyMin, '2025-03-10', chicago).ok).toBe(false);
    const onlyMax = { ...start, minimum: undefined };
    expect(checkDetailValue(onlyMax, '2025-03-10', chicago).ok).toBe(true);
    expect(checkDetailValue(onlyMax, '2022-03-08', chicago).ok).toBe(false);
  });
});

describe('jwk_or_null (cds-wg3-01 §7.4.6)', () => {
  const f = field({ format: 'jwk_or_null', default: null });
  const publicKey = {
    kty: 'EC',
    crv: 'P-256',
    x: 'gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0',
    y: 'SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps',
    use: 'enc',
  };
  it('takes a public key or null', () => {
    expect(checkDetailValue(f, publicKey, utc)).toEqual(ok(publicKey));
    expect(checkDetailValue(f, null, utc)).toEqual(ok(null));
  });
  it('refuses a private key (never sent) and a signing key', () => {
    const refused = checkDetailValue(
      f,
      { ...publicKey, d: '0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo' },
      utc,
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).not.toContain('0_NxaRPUMQ');
    expect(checkDetailValue(f, { ...publicKey, use: 'sig' }, utc).ok).toBe(false);
    expect(checkDetailValue(f, 'key', utc).ok).toBe(false);
  });
  it('parses JSON or null from text', () => {
    expect(parseDetailText(f, JSON.stringify(publicKey))).toEqual(ok(publicKey));
    expect(parseDetailText(f, 'null')).toEqual(ok(null));
    expect(parseDetailText(f, '{').ok).toBe(false);
  });
});

describe('unknown formats (open enum)', () => {
  const f = field({ format: 'geo_shape' });
  it('are kept as given, JSON or text', () => {
    expect(f.kind).toBe('unsupported');
    expect(checkDetailValue(f, { a: 1 }, utc)).toEqual(ok({ a: 1 }));
    expect(parseDetailText(f, '{"a":1}')).toEqual(ok({ a: 1 }));
    expect(parseDetailText(f, 'plain')).toEqual(ok('plain'));
  });
});

describe('the form of a scope, defaults and required fields', () => {
  const scope = {
    id: 'scope_a',
    authorization_details_types_supported: ['scope_a'],
    authorization_details_fields_supported: [
      { id: 'count', format: 'int', is_required: true, minimum: 1, maximum: 10 },
      {
        id: 'until',
        format: 'relative_or_absolute_date',
        is_required: false,
        default: 'P1Y',
        minimum: 'P0D',
        maximum: 'P3Y',
      },
      { id: 'jwk', format: 'jwk_or_null', is_required: false, default: null },
      { id: 'other_type_only', format: 'string', is_required: true, maximum: 5, for_types: ['scope_b'] },
      { id: 'no_types', format: 'boolean', is_required: false, default: true, for_types: undefined },
    ].map((raw) =>
      authorizationDetailsFieldSchema.parse({
        name: raw.id,
        description: raw.id,
        documentation: `https://example.com/${raw.id}`,
        for_types: ['scope_a'],
        ...raw,
      }),
    ),
  };
  const form = detailsFormOf(scope, { timezone: 'America/Chicago' });

  it('keeps the fields of its type and names the jwk field', () => {
    expect(form.type).toBe('scope_a');
    expect(form.fields.map((f) => f.id)).toEqual(['count', 'until', 'jwk', 'no_types']);
    expect(form.jwkFieldId).toBe('jwk');
    expect(form.timezone).toBe('America/Chicago');
  });
  it('applies defaults and enforces required fields', () => {
    const built = buildAuthorizationDetail(form, { count: 3 }, chicago);
    expect(built).toEqual({
      ok: true,
      detail: { type: 'scope_a', count: 3, until: 'P1Y', jwk: null, no_types: true },
    });
    const missing = buildAuthorizationDetail(form, {}, chicago);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problems).toEqual([{ fieldId: 'count', message: 'count is required' }]);
  });
  it('reports every bad value and unknown field at once', () => {
    const built = buildAuthorizationDetail(form, { count: 11, until: 'P4Y', bogus: 1 }, chicago);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.problems.map((p) => p.fieldId)).toEqual(['bogus', 'count', 'until']);
  });
  it('a required field ignores a stray default (§3.8: not included when required)', () => {
    const f = field({ format: 'int', is_required: true, default: 5, minimum: 1, maximum: 9 });
    expect(f.default).toBeUndefined();
    expect(f.required).toBe(true);
  });
  it('a scope without authorization_details_types_supported (2025-10 draft) uses its id', () => {
    expect(detailsFormOf({ id: 'legacy', authorization_details_fields_supported: [] }).type).toBe('legacy');
  });
});
