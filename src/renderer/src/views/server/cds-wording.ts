import type { RegistrationFieldView, ScopeView } from '../../../../shared/ipc/servers-contract';

// CDS codes in words a person reads: scope kinds (cds-wg1-02 §3.3), registration field types (§3.6)
// and formats (§3.7), coverage codes (cds-wg1-01 §4.5–§4.7).

/** `natural_gas` -> "Natural gas"; unknown codes stay readable. */
export function humanizeCode(code: string): string {
  const words = code.replace(/_+/g, ' ').trim();
  return words.length === 0 ? code : words.charAt(0).toUpperCase() + words.slice(1);
}

export const scopeKindLabels: Readonly<Record<ScopeView['kind'], string>> = {
  clientAdmin: 'Client administration',
  grantAdmin: 'Grant administration',
  serverProvidedFiles: 'Files from the Server',
  customerData: 'Customer data',
  unknown: 'Not supported by this app',
};

/** What each kind of scope lets this organisation do, in one sentence (cds-wg1-02 §3.3). */
export const scopeKindPurposes: Readonly<Record<ScopeView['kind'], string>> = {
  clientAdmin: 'Manage your Client Objects, Messages and Credentials with this Server. Always included.',
  grantAdmin: 'See and manage the Grants customers and the Server give you.',
  serverProvidedFiles: 'Download files the Server shares with you, such as bulk data exports.',
  customerData: 'Read customer data that customers authorize you to access.',
  unknown:
    'CDS Companion does not know this kind of scope, so it cannot use it. You can still register for it when the Server needs it, and use it with other software.',
};

const formatLabels: Readonly<Record<string, string>> = {
  string: 'text',
  url: 'web address',
  email: 'email address',
  boolean: 'yes or no',
  image: 'PNG or JPEG image',
  pdf: 'PDF file',
  purposes: 'list of purposes',
};

/** "email address, may be left empty" for a `email_or_null` format. */
export function describeFormat(format: string | null): string {
  if (format === null) return 'value';
  const nullable = format.endsWith('_or_null');
  const base = nullable ? format.slice(0, -'_or_null'.length) : format;
  const label = formatLabels[base] ?? humanizeCode(base).toLowerCase();
  return nullable ? `${label}, may be left empty` : label;
}

/** "1 MB", "250 KB" for a file size limit. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1000) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** "A payment of 250.00 USD" from an amount and a currency (§3.6 `payment_required`). */
export function formatAmount(amount: string | null, currency: string | null): string | null {
  if (amount === null) return null;
  const value = Number(amount);
  if (currency && Number.isFinite(value)) {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
    } catch {
      // An unknown currency code: show it as given.
    }
  }
  return currency ? `${amount} ${currency}` : amount;
}

/** What a requirement asks of this organisation, in one line (§3.6). */
export function describeRequirement(field: RegistrationFieldView): string {
  switch (field.type) {
    case 'registration_field': {
      const name = (field.fieldName ?? field.id).replace(/^cds_/, '');
      return `${humanizeCode(name)} (${describeFormat(field.format)})`;
    }
    case 'internal_review':
      return 'A review of your registration by the Server’s staff';
    case 'payment_required': {
      const amount = formatAmount(field.amount, field.currency);
      return amount ? `A setup payment of ${amount}` : 'A setup payment';
    }
    case 'email_verification':
      return 'Verifying your contact email address';
    case 'sso_verification':
      return 'Signing in with single sign-on to link an online account';
    case 'online_form':
      return 'Completing an online form';
    case 'pdf_form':
      return 'Filling in and returning a PDF form';
    default:
      return humanizeCode(field.type);
  }
}

/** Short titles for the kinds of registration to-dos (§3.6 field types and the Messages that track them). */
export const todoKindLabels: Readonly<Record<string, string>> = {
  internal_review: 'Review',
  payment_required: 'Payment',
  payment_request: 'Payment',
  email_verification: 'Email verification',
  sso_verification: 'Single sign-on',
  online_form: 'Online form',
  online_form_request: 'Online form',
  pdf_form: 'PDF form',
  pdf_form_request: 'PDF form',
  production_request: 'Production access',
};
