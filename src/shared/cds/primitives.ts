import { z } from 'zod';

/**
 * Field types shared by every CDS object (cds-wg1-01 §2, cds-wg1-02 §2).
 *
 * URLs and datetimes are kept as the strings the Server sent: the spec examples and deployed Servers
 * vary (fractional seconds, placeholder hosts), and rejecting a whole listing for a cosmetic
 * difference would break "ignore what you do not understand" (cds-wg1-02 §10). Code that follows a
 * URL checks it where it is used (the engine's URL allow-list).
 */
export const urlSchema = z.string();
export const nullableUrlSchema = z.string().nullable();
export const datetimeSchema = z.string();
export const nullableDatetimeSchema = z.string().nullable();

/** Pagination links of every listing: `null` at the end; absent means the same as `null`. */
export const pageLinkSchema = z.string().nullable().optional();

/** A positive integer (cds-wg1-02 §2 "integer"), e.g. a Unix timestamp or a byte size. */
export const integerSchema = z.number().int().nonnegative();

/**
 * The grammar of an RFC 8259 §6 `number`, which is how cds-wg1-02 §2 defines "decimal".
 * cds-wg1-02 §3.9: a decimal "MUST NOT be stored or handled as a float value".
 */
export const DECIMAL_PATTERN = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

export function isDecimalString(value: string): boolean {
  return DECIMAL_PATTERN.test(value);
}

/**
 * A decimal value, always handed on as a string so precision survives (cds-wg1-02 §3.9).
 * Servers should send decimals as JSON strings; a JSON number is still accepted (its text form is
 * kept), because by the time JSON.parse has run the digits it had are all there is.
 */
export const decimalSchema = z.union([
  z.string().regex(DECIMAL_PATTERN, { error: 'should be a decimal number written as text, like "12.50"' }),
  z
    .number()
    .refine(Number.isFinite, { error: 'should be a finite decimal number' })
    .transform((n) => String(n)),
]);

/**
 * An OAuth Rich Authorization Request detail (RFC 9396 §2): `type` is REQUIRED, every other member is
 * defined by the type (`grant_id`, `file_id`, `jwk`, ...) and kept as sent.
 */
export const authorizationDetailSchema = z.looseObject({
  type: z.string(),
});
export type AuthorizationDetail = z.infer<typeof authorizationDetailSchema>;

export const authorizationDetailsSchema = z.array(authorizationDetailSchema);
