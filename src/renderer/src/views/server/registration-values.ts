import { isValidEmail, isValidWebUrl } from '../../../../shared/cds/address-syntax';
import type { RegistrationInput } from '../../../../shared/ipc/registration-contract';
import type { RegistrationFieldView } from '../../../../shared/ipc/servers-contract';

// The registration form's values and their checks, mirroring registration.validate
// (src/main/cds/registration-fields.ts) so a person sees a problem as they leave a field; the service
// checks again before anything is sent (cds-wg1-02 §3.5 limits, §3.7 formats).

/** A file read in the renderer: its bytes as Base64 (§3.7), plus what the form shows. */
export interface ChosenFile {
  readonly name: string;
  readonly size: number;
  readonly type: 'image/png' | 'image/jpeg' | 'application/pdf' | 'other';
  readonly base64: string;
}

/** cds-wg3-01 §5.1: a Purpose as registered (`id` "" and `scopes_supported` [] at registration). */
export interface PurposeDraft {
  readonly name: string;
  readonly content: string;
  readonly relatedUri: string;
  readonly relatedName: string;
}

export type FieldValue = string | boolean | null | ChosenFile | readonly PurposeDraft[];

/** Largest file the service reads when the Server sets no `max_size` (DEFAULT_MAX_FILE_BYTES). */
export const defaultMaxFileBytes = 10 * 1024 * 1024;

export type BaseFormat = 'string' | 'url' | 'email' | 'boolean' | 'image' | 'pdf' | 'purposes';

const baseFormats: readonly string[] = ['string', 'url', 'email', 'boolean', 'image', 'pdf', 'purposes'];

export function baseFormatOf(field: Pick<RegistrationFieldView, 'format'>): BaseFormat | null {
  if (field.format === null) return null;
  const base = field.format.replace(/_or_null$/, '');
  return baseFormats.includes(base) ? (base as BaseFormat) : null;
}

export { isValidEmail, isValidWebUrl };

const codePoints = (value: string): number => [...value].length;

export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

const isChosenFile = (value: FieldValue | undefined): value is ChosenFile =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'base64' in value;

const isBlank = (value: FieldValue | undefined): boolean =>
  value === undefined || (typeof value === 'string' && value.trim().length === 0);

function purposeProblem(purpose: PurposeDraft, index: number): string | null {
  const which = `Purpose ${index + 1}`;
  if (purpose.name.trim() === '') return `${which} needs a name.`;
  if (purpose.content.trim() === '') return `${which} needs a description.`;
  if (purpose.relatedUri.trim() !== '') {
    if (!isValidWebUrl(purpose.relatedUri.trim()))
      return `${which} has a related link that is not a web address.`;
    if (purpose.relatedName.trim() === '') return `${which} needs a name for its related link.`;
  }
  return null;
}

/** The problem with one value, in the words registration.validate uses; null when it is fine. */
export function checkFieldValue(field: RegistrationFieldView, value: FieldValue | undefined): string | null {
  if (field.kind !== 'input') return null;
  const base = baseFormatOf(field);
  if (base === null || !field.supported) {
    return field.required
      ? `This app cannot fill in fields of the format "${field.format ?? 'unknown'}".`
      : null;
  }
  if (value === null) return field.nullable || !field.required ? null : 'This field is required.';
  if (isBlank(value)) return field.required ? 'This field is required.' : null;
  switch (base) {
    case 'string':
    case 'url':
    case 'email': {
      if (typeof value !== 'string') return 'Enter text.';
      const text = base === 'string' ? value : value.trim();
      if (field.maxLength !== null && codePoints(text) > field.maxLength) {
        return `Use at most ${field.maxLength} characters (this has ${codePoints(text)}).`;
      }
      if (base === 'email' && !isValidEmail(text)) return 'Enter an email address such as name@example.com.';
      if (base === 'url' && !isValidWebUrl(text)) {
        return 'Enter a full web address starting with https:// (or http://).';
      }
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Choose yes or no.';
    case 'image':
    case 'pdf': {
      if (!isChosenFile(value)) return field.required ? 'Choose a file.' : null;
      const limit = field.maxSize ?? defaultMaxFileBytes;
      if (value.size > limit) return `The file must be at most ${formatFileSize(limit)}.`;
      if (value.size === 0) return 'The chosen file is empty.';
      if (base === 'image' && value.type !== 'image/png' && value.type !== 'image/jpeg') {
        return 'Choose a PNG or JPEG image.';
      }
      if (base === 'pdf' && value.type !== 'application/pdf') return 'Choose a PDF file.';
      return null;
    }
    case 'purposes': {
      if (!Array.isArray(value) || value.length === 0)
        return field.required ? 'Add at least one purpose.' : null;
      for (const [index, purpose] of (value as readonly PurposeDraft[]).entries()) {
        const problem = purposeProblem(purpose, index);
        if (problem) return problem;
      }
      return null;
    }
  }
}

/** Every field's problem, keyed by field id. */
export function checkAllValues(
  fields: readonly RegistrationFieldView[],
  values: Readonly<Record<string, FieldValue>>,
): Readonly<Record<string, string>> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const problem = checkFieldValue(field, values[field.id]);
    if (problem) errors[field.id] = problem;
  }
  return errors;
}

/** The file kind by its first bytes: PNG signature, JPEG SOI marker, `%PDF-` (as the service sniffs). */
export function sniffFileType(bytes: Uint8Array): ChosenFile['type'] {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((byte, index) => bytes[index] === byte)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-') return 'application/pdf';
  return 'other';
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let at = 0; at < bytes.length; at += chunk) {
    binary += String.fromCharCode(...bytes.subarray(at, at + chunk));
  }
  return btoa(binary);
}

export type FileReadOutcome =
  | { readonly ok: true; readonly file: ChosenFile }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads a file the person chose (<input type=file>) into Base64, refusing one over the limit before
 * reading it (the contract's `{ base64 }` value; the renderer never passes a path).
 */
export async function readChosenFile(
  file: Pick<File, 'name' | 'size' | 'arrayBuffer'>,
  limit: number,
): Promise<FileReadOutcome> {
  if (file.size > limit) {
    return {
      ok: false,
      reason: `${file.name} is ${formatFileSize(file.size)}; the limit is ${formatFileSize(limit)}.`,
    };
  }
  if (file.size === 0) return { ok: false, reason: `${file.name} is empty.` };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, reason: `${file.name} could not be read.` };
  }
  return {
    ok: true,
    file: { name: file.name, size: bytes.length, type: sniffFileType(bytes), base64: bytesToBase64(bytes) },
  };
}

/** The details the wizard collects besides the Server's registration fields (cds-wg1-02 §4.1). */
export interface RegistrationDetails {
  readonly clientName: string;
  readonly contacts: string;
}

/** "a@x.org, b@x.org" -> ["a@x.org", "b@x.org"]. */
export function splitContacts(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

export function checkDetails(
  details: RegistrationDetails,
): Partial<Record<keyof RegistrationDetails, string>> {
  const problems: Partial<Record<keyof RegistrationDetails, string>> = {};
  if (details.clientName.trim().length === 0)
    problems.clientName = 'Enter the name customers and the Server will see.';
  else if (codePoints(details.clientName.trim()) > 200) problems.clientName = 'Use at most 200 characters.';
  const bad = splitContacts(details.contacts).find((contact) => !isValidEmail(contact));
  if (bad) problems.contacts = `"${bad}" is not an email address.`;
  return problems;
}

/** The contract's RegistrationInput from the wizard's choices and values. */
export function toRegistrationInput(
  scopes: readonly string[],
  details: RegistrationDetails,
  fields: readonly RegistrationFieldView[],
  values: Readonly<Record<string, FieldValue>>,
): RegistrationInput {
  const out: Record<string, string | boolean | null | { base64: string } | unknown[]> = {};
  for (const field of fields) {
    if (field.kind !== 'input') continue;
    const value = values[field.id];
    if (value === undefined || isBlank(value)) continue;
    if (isChosenFile(value)) out[field.id] = { base64: value.base64 };
    else if (Array.isArray(value)) {
      // cds-wg3-01 §5.1: `id` and `scopes_supported` are empty at registration; the Server assigns them.
      out[field.id] = (value as readonly PurposeDraft[]).map((purpose) => ({
        id: '',
        name: purpose.name.trim(),
        content: purpose.content.trim(),
        related_uri: purpose.relatedUri.trim() === '' ? null : purpose.relatedUri.trim(),
        related_name: purpose.relatedUri.trim() === '' ? null : purpose.relatedName.trim(),
        scopes_supported: [],
      }));
    } else out[field.id] = value as string | boolean | null;
  }
  const contacts = splitContacts(details.contacts);
  return {
    scopes: [...scopes],
    clientName: details.clientName.trim(),
    ...(contacts.length > 0 ? { contacts } : {}),
    values: out,
  };
}
