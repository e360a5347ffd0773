import type { MessageView } from '../../../../shared/ipc/messages-contract';
import type { StatusTone } from '../../components/status-chip';

// How Messages are named for people: types (cds-wg1-02 §6.2), statuses (§6.3) and the links a
// Server may attach (§6.4). Unknown values are open sets in the spec (§10): shown as they are.

const typeLabels: Readonly<Record<string, string>> = {
  notification: 'Notification',
  private_message: 'Message',
  production_request: 'Production request',
  support_request: 'Support request',
  grant_request: 'Grant request',
  field_changes: 'Field changes',
  server_request: 'Request for information',
  client_submission: 'Your answer',
  payment_request: 'Payment request',
  online_form_request: 'Online form',
  pdf_form_request: 'PDF form',
  request_update: 'Status update',
};

export function messageTypeLabel(type: string): string {
  return typeLabels[type] ?? humanize(type);
}

const statusPresentation: Readonly<Record<string, { readonly tone: StatusTone; readonly label: string }>> = {
  // §6.3 open: the Server waits for this organisation.
  open: { tone: 'warning', label: 'Needs your action' },
  // §6.3 pending: this organisation waits for the Server.
  pending: { tone: 'info', label: 'Waiting for the Server' },
  complete: { tone: 'success', label: 'Complete' },
  rejected: { tone: 'danger', label: 'Rejected' },
  errored: { tone: 'danger', label: 'Errored' },
};

export function messageStatusPresentation(status: string): {
  readonly tone: StatusTone;
  readonly label: string;
} {
  return statusPresentation[status] ?? { tone: 'neutral', label: humanize(status) };
}

/**
 * Types whose status means something to follow (§6.3): requests either side makes. A notification or
 * private_message is always `complete`, so a chip there would only be noise.
 */
const followedTypes = new Set([
  'production_request',
  'support_request',
  'grant_request',
  'field_changes',
  'server_request',
  'payment_request',
  'online_form_request',
  'pdf_form_request',
]);

export function hasFollowedStatus(message: Pick<MessageView, 'type' | 'effectiveStatus'>): boolean {
  return followedTypes.has(message.type) || message.effectiveStatus !== 'complete';
}

/** "Utility A" for the Server's Messages, "You" for this organisation's (§6.1 `creator`). */
export function senderLabel(message: Pick<MessageView, 'fromServer'>, serverName: string): string {
  return message.fromServer ? serverName : 'You';
}

/** The subject line: §6.1 `name`, or what the Message is when the name is empty (client_submission). */
export function subjectOf(message: Pick<MessageView, 'name' | 'type'>): string {
  const name = message.name.trim();
  return name.length > 0 ? name : messageTypeLabel(message.type);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

/** "25.00 USD" from §6.1 `amount` and `currency`; null without an amount. */
export function formatAmount(amount: string | null, currency: string | null): string | null {
  if (amount === null) return null;
  if (currency !== null && /^[A-Z]{3}$/.test(currency)) {
    const value = Number(amount);
    if (Number.isFinite(value)) {
      try {
        return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
      } catch {
        // An unknown ISO 4217 code: fall through to the plain form.
      }
    }
  }
  return currency ? `${amount} ${currency}` : amount;
}

export function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.length === 0 ? code : words[0]?.toUpperCase() + words.slice(1);
}
