import { z } from 'zod';

/**
 * An enumerated string the spec lets extensions grow (cds-wg1-01 §6, cds-wg1-02 §10): Clients MUST
 * ignore unknown strings, so an unknown value parses as itself and the UI asks `isKnown` before
 * treating it as one of ours. A non-string is still an error.
 */
export type OpenEnumValue<K extends string> = K | (string & {});

export type OpenEnumSchema<K extends string> = z.ZodType<OpenEnumValue<K>, string> & {
  readonly known: readonly K[];
};

export function openEnum<const K extends string>(known: readonly K[]): OpenEnumSchema<K> {
  const schema = z.string() as unknown as z.ZodType<OpenEnumValue<K>, string>;
  return Object.assign(schema, { known: Object.freeze([...known]) as readonly K[] });
}

/** Whether `value` is one of the strings the spec defines for this enum (anything else shows as "unknown"). */
export function isKnown<K extends string>(
  schema: { readonly known: readonly K[] },
  value: string | null | undefined,
): value is K {
  return typeof value === 'string' && (schema.known as readonly string[]).includes(value);
}
