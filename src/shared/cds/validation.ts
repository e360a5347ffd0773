import type { z } from 'zod';

/** One problem found in a Server's JSON, with the JSON path it sits at (`$.clients[0].client_id`). */
export interface CdsValidationIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * A Server sent JSON that does not match the CDS object it should be. The message names the first
 * problem and its JSON path in words a non-developer can follow; it never quotes a value (a value
 * could be a client secret or a token), only field names and kinds of value.
 */
export class CdsValidationError extends Error {
  override readonly name = 'CdsValidationError';
  readonly what: string;
  readonly path: string;
  readonly issues: readonly CdsValidationIssue[];

  constructor(what: string, issues: readonly CdsValidationIssue[]) {
    const first = issues[0] ?? { path: '$', message: 'is not valid' };
    const more =
      issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    super(`The ${what} is not valid: ${first.message} at ${first.path}${more}.`);
    this.what = what;
    this.path = first.path;
    this.issues = issues;
  }
}

export type CdsParseResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: CdsValidationError };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['clients', 0, 'client_id']` → `$.clients[0].client_id`; odd keys are quoted: `$["a b"]`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return Number.isInteger(value) ? 'a whole number' : 'a number';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'an object';
    case 'undefined':
      return 'missing';
    default:
      return `a ${typeof value}`;
  }
}

const EXPECTED_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
  record: 'an object',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return { found: false, value: undefined };
    if (!Object.hasOwn(current, key)) return { found: false, value: undefined };
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: current };
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown): CdsValidationIssue {
  const path = formatJsonPath(issue.path);
  const last = issue.path[issue.path.length - 1];
  const fieldName = typeof last === 'string' ? `"${last}"` : 'this entry';
  switch (issue.code) {
    case 'invalid_type': {
      const at = valueAt(root, issue.path);
      if (!at.found || at.value === undefined) {
        return { path, message: `the required field ${fieldName} is missing` };
      }
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      return { path, message: `the field ${fieldName} should be ${expected} but is ${kindOf(at.value)}` };
    }
    case 'invalid_union': {
      const at = valueAt(root, issue.path);
      if (!at.found || at.value === undefined) {
        return { path, message: `the required field ${fieldName} is missing` };
      }
      // The first branch's own complaint is the most useful one when every branch failed the same way.
      const inner = issue.errors[0]?.[0];
      if (inner && inner.code !== 'invalid_type') {
        return { path, message: `the field ${fieldName} ${inner.message}` };
      }
      return { path, message: `the field ${fieldName} has a value of the wrong kind (${kindOf(at.value)})` };
    }
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
    case 'invalid_value':
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
    case 'unrecognized_keys':
      return { path, message: `the field ${fieldName} is not valid (${issue.message})` };
    default:
      return { path, message: `the field ${fieldName} ${issue.message}` };
  }
}

/**
 * Parse `value` with `schema` and never throw anything but CdsValidationError, whatever the input
 * (property tests feed it random JSON). `what` names the object in the message ("CDS Server metadata").
 */
export function safeParseCds<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): CdsParseResult<z.output<S>> {
  try {
    const result = schema.safeParse(value);
    if (result.success) return { success: true, data: result.data };
    const issues = result.error.issues.map((issue) => describeIssue(issue, value));
    return { success: false, error: new CdsValidationError(what, issues) };
  } catch {
    // Pathological input (a getter that throws, a cycle, a stack overflow on deep nesting): still a
    // validation problem, reported without echoing anything from the input.
    return {
      success: false,
      error: new CdsValidationError(what, [{ path: '$', message: 'the data could not be read as JSON' }]),
    };
  }
}

/** Like safeParseCds, but throws the CdsValidationError. */
export function parseCds<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = safeParseCds(schema, value, what);
  if (!result.success) throw result.error;
  return result.data;
}
