import type { AuthorizationForm, DetailFieldView } from '../../../../shared/ipc/authorization-contract';

// The authorization details form's values (cds-wg1-02 §3.8–§3.10) as a person types them, and the
// `details` record `authorization.begin` takes. The service validates again against the Server's
// bounds and time zone; here only what can be said while typing (a number is a number).

/** A text field's text, a checkbox's state, or null for a `string_or_null` field set to "no value". */
export type DetailInput = string | boolean | null;
export type DetailInputs = Readonly<Record<string, DetailInput>>;

const DECIMAL = /^-?\d+(\.\d+)?$/;
const INTEGER = /^-?\d+$/;

/** The fields a person fills in: the device-key field is the "lock for this device" choice instead. */
export function editableFields(form: AuthorizationForm): readonly DetailFieldView[] {
  return form.fields.filter((field) => field.id !== form.jwkFieldId && field.kind !== 'jwk_or_null');
}

/** Each field's starting value: the Server's default when it gave one (§3.8), else empty. */
export function initialInputs(form: AuthorizationForm): Record<string, DetailInput> {
  const inputs: Record<string, DetailInput> = {};
  for (const field of editableFields(form)) inputs[field.id] = initialInput(field);
  return inputs;
}

function initialInput(field: DetailFieldView): DetailInput {
  const value = field.default;
  switch (field.kind) {
    case 'boolean':
      return value === true;
    case 'string_or_null':
      return value === null ? null : typeof value === 'string' ? value : '';
    case 'string_list':
      return Array.isArray(value) ? value.map(String).join(', ') : '';
    case 'choice':
      return typeof value === 'string' ? value : '';
    case 'unsupported':
      return value === undefined ? '' : JSON.stringify(value);
    default:
      return value === undefined || value === null ? '' : String(value);
  }
}

export type DetailsOutcome =
  | { readonly ok: true; readonly details: Record<string, unknown> }
  | { readonly ok: false; readonly problems: Readonly<Record<string, string>> };

/**
 * The `details` for `authorization.begin`: typed as each field's format says (decimals stay text,
 * §3.9), empty optional fields left out so the Server's default applies (§3.8).
 */
export function buildDetails(form: AuthorizationForm, inputs: DetailInputs): DetailsOutcome {
  const details: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const field of editableFields(form)) {
    const checked = convert(field, inputs[field.id] ?? initialInput(field));
    if ('problem' in checked) problems[field.id] = checked.problem;
    else if (checked.value !== undefined) details[field.id] = checked.value;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, details };
}

type Converted = { readonly value: unknown } | { readonly problem: string };

function convert(field: DetailFieldView, input: DetailInput): Converted {
  if (field.kind === 'boolean') return { value: input === true };
  if (field.kind === 'string_or_null' && input === null) return { value: null };
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') {
    return field.required ? { problem: `${field.name} is required.` } : { value: undefined };
  }
  switch (field.kind) {
    case 'int':
      return INTEGER.test(text) && Number.isSafeInteger(Number(text))
        ? { value: Number(text) }
        : { problem: `${field.name} must be a whole number.` };
    case 'decimal':
      // §3.9: decimals travel as text, never as a float.
      return DECIMAL.test(text)
        ? { value: text }
        : { problem: `${field.name} must be a number such as 12.50.` };
    case 'string_list':
      return {
        value: text
          .split(/[,\n]/)
          .map((part) => part.trim())
          .filter((part) => part.length > 0),
      };
    case 'choice':
      return field.choices.some((choice) => choice.id === text)
        ? { value: text }
        : { problem: `Choose one of the options for ${field.name}.` };
    case 'unsupported':
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { problem: `${field.name} must be JSON.` };
      }
    default:
      return { value: text };
  }
}
