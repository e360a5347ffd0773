import { open } from 'node:fs/promises';
import {
  type AuthorizationServerMetadata,
  isValidEmail,
  isValidWebUrl,
  type RegistrationField,
} from '../../shared/cds/index';

// The registration form: cds-wg1-02 §3.4 (`registration_requirements`, `registration_optional`
// of each selected scope), §3.5 (the Registration Field object), §3.6 (types) and §3.7 (the
// twelve formats), plus cds-wg3-01 §5.1 (`purposes`, `purposes_or_null`). Values are checked by
// format before anything is sent (§4.1: submitted under each field's `field_name`).

/** The value kinds behind the formats; `_or_null` formats add `null`. */
export type RegistrationBaseFormat = 'string' | 'url' | 'email' | 'boolean' | 'image' | 'pdf' | 'purposes';

/** A field the person fills in (`registration_field`), or a step after registration (review, payment, ...). */
export type RegistrationFieldKind = 'input' | 'after-registration';

export interface RegistrationFieldModel {
  readonly id: string;
  readonly type: string;
  readonly kind: RegistrationFieldKind;
  /** The key submitted in the registration request (starts with `cds_`, §3.5). */
  readonly fieldName: string | null;
  readonly format: string | null;
  /** Null when this app does not know the format (it cannot offer an input for it). */
  readonly baseFormat: RegistrationBaseFormat | null;
  readonly nullable: boolean;
  /** Listed in a selected scope's `registration_requirements` and without a `default` (§3.5). */
  readonly required: boolean;
  readonly hasDefault: boolean;
  readonly defaultValue?: unknown;
  readonly maxLength?: number;
  /** Bytes before Base64 encoding (§3.5 `max_size`). */
  readonly maxSize?: number;
  readonly description: string;
  readonly documentation: string;
  /** `payment_required` (§3.6). */
  readonly amount?: string;
  readonly currency?: string;
  /** The selected scopes asking for this field. */
  readonly scopes: readonly string[];
}

/** A file chosen on disk, or content already Base64-encoded (e.g. pasted by the CLI). */
export type RegistrationFileValue = { readonly path: string } | { readonly base64: string };

export type RegistrationValue =
  | string
  | boolean
  | null
  | RegistrationFileValue
  | readonly unknown[]
  | undefined;

export interface RegistrationFieldError {
  readonly fieldId: string;
  readonly fieldName: string | null;
  readonly message: string;
}

export interface RegistrationValidationResult {
  readonly valid: boolean;
  readonly errors: readonly RegistrationFieldError[];
  /** What to add to the registration request body, keyed by `field_name`; only complete when valid. */
  readonly payload: Readonly<Record<string, unknown>>;
}

const knownBaseFormats: readonly RegistrationBaseFormat[] = [
  'string',
  'url',
  'email',
  'boolean',
  'image',
  'pdf',
  'purposes',
];

/** Largest file read when the Server sets no `max_size`: a registration form is not a file upload. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

const splitFormat = (
  format: string | undefined,
): { base: RegistrationBaseFormat | null; nullable: boolean } => {
  if (format === undefined) return { base: null, nullable: false };
  const nullable = format.endsWith('_or_null');
  const base = nullable ? format.slice(0, -'_or_null'.length) : format;
  return {
    base: (knownBaseFormats as readonly string[]).includes(base) ? (base as RegistrationBaseFormat) : null,
    nullable,
  };
};

const positiveInteger = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

const modelOf = (
  id: string,
  field: RegistrationField,
  scopes: string[],
  required: boolean,
): RegistrationFieldModel => {
  const { base, nullable } = splitFormat(field.format);
  const hasDefault = Object.hasOwn(field, 'default') && field.default !== undefined;
  const maxLength = positiveInteger(field.max_length);
  const maxSize = positiveInteger(field.max_size);
  return {
    id,
    type: field.type,
    kind: field.type === 'registration_field' ? 'input' : 'after-registration',
    fieldName: typeof field.field_name === 'string' && field.field_name.length > 0 ? field.field_name : null,
    format: field.format ?? null,
    baseFormat: base,
    nullable,
    required: required && !hasDefault,
    hasDefault,
    ...(hasDefault ? { defaultValue: field.default } : {}),
    ...(maxLength === undefined ? {} : { maxLength }),
    ...(maxSize === undefined ? {} : { maxSize }),
    description: field.description,
    documentation: field.documentation,
    ...(field.amount === undefined ? {} : { amount: field.amount }),
    ...(field.currency === undefined ? {} : { currency: field.currency }),
    scopes,
  };
};

/**
 * The fields a registration for `selectedScopes` asks for, in the order the Server lists them.
 * A field id referenced by a scope but missing from `cds_registration_fields` is skipped: the
 * Server broke §3.2 and there is nothing to render.
 */
export const buildRegistrationFields = (
  metadata: Pick<AuthorizationServerMetadata, 'cds_scope_descriptions' | 'cds_registration_fields'>,
  selectedScopes: readonly string[],
): RegistrationFieldModel[] => {
  const requiredBy = new Map<string, string[]>();
  const optionalBy = new Map<string, string[]>();
  for (const scopeId of selectedScopes) {
    const description = metadata.cds_scope_descriptions[scopeId];
    if (!description) continue;
    for (const id of description.registration_requirements)
      requiredBy.set(id, [...(requiredBy.get(id) ?? []), scopeId]);
    for (const id of description.registration_optional)
      optionalBy.set(id, [...(optionalBy.get(id) ?? []), scopeId]);
  }
  const models: RegistrationFieldModel[] = [];
  for (const [id, field] of Object.entries(metadata.cds_registration_fields)) {
    const required = requiredBy.get(id);
    const optional = optionalBy.get(id);
    if (!required && !optional) continue;
    models.push(
      modelOf(id, field, [...new Set([...(required ?? []), ...(optional ?? [])])], required !== undefined),
    );
  }
  return models;
};

export { isValidEmail, isValidWebUrl };

const codePointLength = (value: string): number => [...value].length;

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict RFC 4648 §4 Base64 (whitespace between lines tolerated). */
export const decodeBase64Strict = (text: string): Buffer | null => {
  const compact = text.replace(/[\r\n\t ]/g, '');
  if (compact.length === 0 || !base64Pattern.test(compact)) return null;
  return Buffer.from(compact, 'base64');
};

export type FileKind = 'image/png' | 'image/jpeg' | 'application/pdf';

/** The file type by its magic bytes: PNG (RFC 2083 §3.1), JPEG SOI marker, PDF header. */
export const sniffFileKind = (bytes: Uint8Array): FileKind | null => {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-')
    return 'application/pdf';
  return null;
};

const formatSize = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : bytes >= 1024
      ? `${Math.ceil(bytes / 1024)} KB`
      : `${bytes} bytes`;

/** Reads at most `limit + 1` bytes, so an oversized file is refused without reading it whole. */
const readFileCapped = async (path: string, limit: number): Promise<{ bytes: Buffer; tooLarge: boolean }> => {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error('not a regular file');
    if (info.size > limit) return { bytes: Buffer.alloc(0), tooLarge: true };
    const buffer = Buffer.alloc(Math.min(info.size, limit) + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) return { bytes: Buffer.alloc(0), tooLarge: true };
    }
    return { bytes: buffer.subarray(0, total), tooLarge: false };
  } finally {
    await handle.close();
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isFileValue = (value: unknown): value is RegistrationFileValue =>
  isRecord(value) && (typeof value.path === 'string' || typeof value.base64 === 'string');

const isBlank = (value: unknown): boolean =>
  value === undefined || (typeof value === 'string' && value.trim().length === 0);

// cds-wg3-01 §5.1 and §8.3: each Purpose with `id` "" and `scopes_supported` [] at registration.
const purposeProblem = (purpose: unknown, index: number): string | null => {
  const which = `Purpose ${index + 1}`;
  if (!isRecord(purpose)) return `${which} is not an object.`;
  if (purpose.id !== '') return `${which} must have an empty "id" when registering.`;
  if (typeof purpose.name !== 'string' || purpose.name.trim() === '') return `${which} needs a name.`;
  if (typeof purpose.content !== 'string' || purpose.content.trim() === '')
    return `${which} needs some content.`;
  if (
    purpose.related_uri !== null &&
    !(typeof purpose.related_uri === 'string' && isValidWebUrl(purpose.related_uri))
  ) {
    return `${which} has a related link that is not a web address.`;
  }
  if (purpose.related_uri !== null) {
    const name = purpose.related_name;
    if (typeof name !== 'string' || name.trim() === '' || /[\r\n]/.test(name)) {
      return `${which} needs a one-line name for its related link.`;
    }
  }
  if (!Array.isArray(purpose.scopes_supported) || purpose.scopes_supported.length !== 0) {
    return `${which} must have an empty "scopes_supported" list when registering.`;
  }
  return null;
};

interface Checked {
  readonly error?: string;
  /** Absent: leave the field out of the request (the Server's default applies). */
  readonly value?: unknown;
  readonly include: boolean;
}

const fail = (error: string): Checked => ({ error, include: false });
const omit: Checked = { include: false };
const include = (value: unknown): Checked => ({ value, include: true });

const checkText = (field: RegistrationFieldModel, value: string): Checked => {
  const text = field.baseFormat === 'string' ? value : value.trim();
  if (field.maxLength !== undefined && codePointLength(text) > field.maxLength) {
    return fail(`Use at most ${field.maxLength} characters (this has ${codePointLength(text)}).`);
  }
  if (field.baseFormat === 'email' && !isValidEmail(text)) {
    return fail('Enter an email address such as name@example.com.');
  }
  if (field.baseFormat === 'url' && !isValidWebUrl(text)) {
    return fail('Enter a full web address starting with https:// (or http://).');
  }
  return include(text);
};

const checkFile = async (field: RegistrationFieldModel, value: RegistrationFileValue): Promise<Checked> => {
  const limit = field.maxSize ?? DEFAULT_MAX_FILE_BYTES;
  let bytes: Buffer;
  if ('path' in value) {
    let read: { bytes: Buffer; tooLarge: boolean };
    try {
      read = await readFileCapped(value.path, limit);
    } catch {
      return fail('The chosen file could not be read.');
    }
    if (read.tooLarge) return fail(`The file must be at most ${formatSize(limit)}.`);
    bytes = read.bytes;
  } else {
    const decoded = decodeBase64Strict(value.base64);
    if (decoded === null) return fail('The file content is not valid Base64.');
    if (decoded.length > limit) return fail(`The file must be at most ${formatSize(limit)}.`);
    bytes = decoded;
  }
  if (bytes.length === 0) return fail('The chosen file is empty.');
  const kind = sniffFileKind(bytes);
  if (field.baseFormat === 'image' && kind !== 'image/png' && kind !== 'image/jpeg') {
    return fail('Choose a PNG or JPEG image.');
  }
  if (field.baseFormat === 'pdf' && kind !== 'application/pdf') {
    return fail('Choose a PDF file.');
  }
  // §3.7: "encoded as a Base64 string".
  return include(bytes.toString('base64'));
};

const checkField = async (field: RegistrationFieldModel, value: RegistrationValue): Promise<Checked> => {
  if (value === null) {
    if (field.nullable) return include(null);
    return field.required ? fail('This field is required.') : omit;
  }
  if (isBlank(value)) {
    if (field.required) return fail('This field is required.');
    return omit;
  }
  switch (field.baseFormat) {
    case 'string':
    case 'url':
    case 'email':
      return typeof value === 'string' ? checkText(field, value) : fail('Enter text.');
    case 'boolean':
      return typeof value === 'boolean' ? include(value) : fail('Choose yes or no.');
    case 'image':
    case 'pdf':
      return isFileValue(value) ? checkFile(field, value) : fail('Choose a file.');
    case 'purposes': {
      if (!Array.isArray(value) || value.length === 0) return fail('Add at least one purpose.');
      for (const [index, purpose] of value.entries()) {
        const problem = purposeProblem(purpose, index);
        if (problem) return fail(problem);
      }
      return include(value);
    }
    default:
      return fail(`This app cannot fill in fields of the format "${field.format ?? 'unknown'}".`);
  }
};

/**
 * Checks every value against its field's format and limits, reading chosen files from disk.
 * Returns one error per failing field (never throws for bad input) and, when all pass, the
 * request members keyed by `field_name`.
 */
export const validateRegistrationValues = async (
  fields: readonly RegistrationFieldModel[],
  values: Readonly<Record<string, RegistrationValue>>,
): Promise<RegistrationValidationResult> => {
  const errors: RegistrationFieldError[] = [];
  const payload: Record<string, unknown> = {};
  const known = new Set(fields.map((field) => field.id));
  for (const id of Object.keys(values)) {
    if (!known.has(id))
      errors.push({ fieldId: id, fieldName: null, message: 'This is not a field of this registration.' });
  }
  for (const field of fields) {
    if (field.kind !== 'input') continue;
    if (field.fieldName === null) {
      if (field.required) {
        errors.push({
          fieldId: field.id,
          fieldName: null,
          message: 'The Server describes this field without a name to send it under.',
        });
      }
      continue;
    }
    const checked = await checkField(field, values[field.id]);
    if (checked.error !== undefined) {
      errors.push({ fieldId: field.id, fieldName: field.fieldName, message: checked.error });
    } else if (checked.include) {
      payload[field.fieldName] = checked.value;
    }
  }
  return { valid: errors.length === 0, errors, payload: errors.length === 0 ? payload : {} };
};
