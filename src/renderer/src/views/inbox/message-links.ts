import type { MessageView } from '../../../../shared/ipc/messages-contract';
import { isWebLink } from '../../components/external-link';
import { formatAmount } from './message-wording';

/** A web page a Message points to, opened in the system browser (never inside the app). */
export interface MessageWebAction {
  readonly href: string;
  readonly label: string;
  /** The action the Message asks for (pay, fill in a form), shown as the main button. */
  readonly primary: boolean;
}

/** A place in this app a Message points to (§6.4 API related types need a token: shown in-app). */
export interface MessageAppLink {
  readonly section: 'clients' | 'grants' | 'credentials' | 'messages';
  readonly label: string;
}

/**
 * What a person can open from a Message (cds-wg1-02 §6.1 `related_uri` with §6.4 `related_type`):
 * payment, online and PDF forms are the action itself; information pages are secondary. Only http(s)
 * addresses leave the app (ExternalLink refuses anything else).
 */
export function webActionOf(message: MessageView): MessageWebAction | null {
  const href = message.relatedUri;
  if (href === null || !isWebLink(href)) return null;
  const open = message.effectiveStatus === 'open';
  switch (message.relatedType) {
    case 'payment_form': {
      const amount = formatAmount(message.amount, message.currency);
      return { href, label: amount ? `Pay ${amount} online` : 'Pay online', primary: open };
    }
    case 'online_form':
      return { href, label: 'Open the online form', primary: open };
    case 'pdf_form':
      return { href, label: 'Download the PDF form', primary: open };
    case 'payment_receipt':
      return { href, label: 'See the payment receipt', primary: false };
    case 'documentation':
      return { href, label: 'Read the documentation', primary: false };
    case 'support':
      return { href, label: 'Open the support page', primary: false };
    case 'more_info':
      return { href, label: 'More information', primary: false };
    case null:
      // §6.1: related_type is REQUIRED with related_uri; a Server that left it out still gets a link.
      return { href, label: 'Open the related page', primary: false };
    default:
      return null;
  }
}

export function appLinkOf(message: MessageView): MessageAppLink | null {
  switch (message.relatedType) {
    case 'client':
    case 'client_list':
      return { section: 'clients', label: 'See the Client Objects' };
    case 'grant':
    case 'grant_list':
      return { section: 'grants', label: 'See the Grants' };
    case 'credential':
    case 'credential_list':
      return { section: 'credentials', label: 'See the Credentials' };
    default:
      return null;
  }
}

/** §6.5 on a server_request: a page a field may be completed on (e-signing, a payment). */
export function fieldLinksOf(
  message: MessageView,
): ReadonlyArray<{ readonly field: string; readonly href: string }> {
  const updates = message.object.updates_requested;
  if (message.type !== 'server_request' || !Array.isArray(updates)) return [];
  return updates.flatMap((update) => {
    const record = update as Record<string, unknown>;
    return typeof record.uri === 'string' && isWebLink(record.uri)
      ? [{ field: String(record.name ?? record.field ?? ''), href: record.uri }]
      : [];
  });
}
