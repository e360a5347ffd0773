import type { MessageSendInput, MessageView } from '../../../../shared/ipc/messages-contract';
import { isWebLink } from '../../components/external-link';

// What the compose dialog collects, and its checks before `messages.send`. The Companion applies the
// cds-wg1-02 §6.9 rules again (message-compose.ts); checking here lets each field say what is wrong.

export type ComposeKind =
  | 'private_message'
  | 'support_request'
  | 'production_request'
  | 'grant_request'
  | 'client_submission';

/** A file picked or dropped, read into Base64 (§6.7 `data`). */
export interface PickedAttachment {
  readonly id: string;
  readonly filename: string;
  readonly size: number;
  readonly base64: string;
}

/** One requested Grant (§6.6): a scope and, when the scope is not enough, authorization details as JSON. */
export interface GrantDraft {
  readonly scope: string;
  readonly details: string;
}

export interface ComposeDraft {
  readonly kind: ComposeKind;
  readonly subject: string;
  readonly body: string;
  /** support_request: the API address the request is about (§6.9 `related_uri`, optional). */
  readonly relatedUri: string;
  /** production_request, grant_request: one of this registration's Client Objects. */
  readonly clientId: string | null;
  /** grant_request: another organisation's Client Object (its `cds_client_uri`) instead of our own. */
  readonly otherClientUri: string;
  readonly grants: readonly GrantDraft[];
  /** client_submission: the answer per requested field (§6.5 `field`). */
  readonly answers: Readonly<Record<string, string>>;
  readonly attachments: readonly PickedAttachment[];
}

export type ComposeErrors = Partial<
  Record<'subject' | 'body' | 'relatedUri' | 'client' | 'grants' | 'answers' | 'attachments', string>
>;

export type ComposeCheck =
  | { readonly ok: true; readonly input: MessageSendInput }
  | { readonly ok: false; readonly errors: ComposeErrors };

/** cds-wg1-02 §6.9: a Server's attachment limit is at least 10 MB, so this much always fits. */
export const attachmentBudgetBytes = 10 * 1024 * 1024;

export function emptyDraft(kind: ComposeKind, replyTo: MessageView | null = null): ComposeDraft {
  const subject = replyTo && kind !== 'client_submission' ? replySubject(replyTo.name) : '';
  return {
    kind,
    subject,
    body: '',
    relatedUri: '',
    clientId: null,
    otherClientUri: '',
    grants: [],
    answers: {},
    attachments: [],
  };
}

export function replySubject(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) return '';
  return /^re:/i.test(trimmed) ? trimmed : `Re: ${trimmed}`;
}

/** The fields a server_request asks for (§6.5), in its order. */
export interface RequestedField {
  readonly field: string;
  readonly name: string;
  readonly description: string;
  readonly uri: string | null;
}

export function requestedFieldsOf(message: Pick<MessageView, 'object'>): readonly RequestedField[] {
  const updates = message.object.updates_requested;
  if (!Array.isArray(updates)) return [];
  return updates.flatMap((update) => {
    if (typeof update !== 'object' || update === null) return [];
    const record = update as Record<string, unknown>;
    if (typeof record.field !== 'string' || record.field.length === 0) return [];
    return [
      {
        field: record.field,
        name: typeof record.name === 'string' && record.name.length > 0 ? record.name : record.field,
        description: typeof record.description === 'string' ? record.description : '',
        uri: typeof record.uri === 'string' ? record.uri : null,
      },
    ];
  });
}

function parseDetails(text: string): Array<{ type: string } & Record<string, unknown>> | string {
  if (text.trim().length === 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'is not valid JSON';
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  for (const item of list) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return 'must be JSON objects';
    if (typeof (item as Record<string, unknown>).type !== 'string') return 'needs a "type" in each object';
  }
  return list as Array<{ type: string } & Record<string, unknown>>;
}

/** Checks a draft and turns it into the `messages.send` input; `replyTo` is the Message answered. */
export function checkDraft(draft: ComposeDraft, replyTo: MessageView | null): ComposeCheck {
  const errors: ComposeErrors = {};
  const subject = draft.subject.trim();
  const body = draft.body;
  const total = draft.attachments.reduce((sum, file) => sum + file.size, 0);
  if (total > attachmentBudgetBytes) {
    errors.attachments = 'The attachments add up to more than 10 MB, which a Server may refuse (§6.9).';
  }
  const attachments =
    draft.attachments.length > 0
      ? { attachments: draft.attachments.map((file) => ({ filename: file.filename, base64: file.base64 })) }
      : {};
  const reply = replyTo ? { replyTo: replyTo.messageId } : {};

  switch (draft.kind) {
    case 'private_message':
    case 'support_request': {
      if (subject.length === 0) errors.subject = 'Write a subject.';
      if (body.trim().length === 0) errors.body = 'Write a message.';
      const related = draft.kind === 'support_request' ? draft.relatedUri.trim() : '';
      if (related.length > 0 && !isWebLink(related)) errors.relatedUri = 'Use a full https:// address.';
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return {
        ok: true,
        input: {
          type: draft.kind,
          subject,
          body,
          ...reply,
          ...(related.length > 0 ? { relatedUri: related } : {}),
          ...attachments,
        },
      };
    }
    case 'production_request': {
      if (draft.clientId === null) errors.client = 'Choose the sandbox Client Object to take to production.';
      if (Object.keys(errors).length > 0 || draft.clientId === null) return { ok: false, errors };
      return {
        ok: true,
        input: {
          type: 'production_request',
          clientId: draft.clientId,
          ...(subject.length > 0 ? { subject } : {}),
          ...(body.trim().length > 0 ? { body } : {}),
          ...reply,
          ...attachments,
        },
      };
    }
    case 'grant_request': {
      const other = draft.otherClientUri.trim();
      if (draft.clientId === null && other.length === 0) {
        errors.client = 'Choose the Client Object that should receive the Grants.';
      } else if (draft.clientId === null && !isWebLink(other)) {
        errors.client = 'Use the full https:// address of the other Client Object.';
      }
      const grants: Array<{ scope: string; authorizationDetails?: Array<{ type: string }> }> = [];
      for (const grant of draft.grants) {
        const scope = grant.scope.trim();
        if (scope.length === 0) continue;
        const details = parseDetails(grant.details);
        if (typeof details === 'string') {
          errors.grants = `The authorization details for ${scope} ${details}.`;
          continue;
        }
        grants.push(details.length > 0 ? { scope, authorizationDetails: details } : { scope });
      }
      if (grants.length === 0 && errors.grants === undefined)
        errors.grants = 'Choose at least one scope to request.';
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return {
        ok: true,
        input: {
          type: 'grant_request',
          ...(draft.clientId !== null ? { clientId: draft.clientId } : { relatedUri: other }),
          grantsRequested: grants,
          ...(subject.length > 0 ? { subject } : {}),
          ...(body.trim().length > 0 ? { body } : {}),
          ...reply,
          ...attachments,
        },
      };
    }
    case 'client_submission': {
      if (replyTo?.type !== 'server_request') {
        return { ok: false, errors: { answers: 'An answer needs the Server’s request it answers.' } };
      }
      const asked = new Set(requestedFieldsOf(replyTo).map((field) => field.field));
      const updates = Object.entries(draft.answers)
        .filter(([field, value]) => asked.has(field) && value.trim().length > 0)
        .map(([field, value]) => {
          const answer = value.trim();
          // §6.5: a remote resource (a logo, a signed document) is answered with `uri`, text with `description`.
          return isWebLink(answer) ? { field, uri: answer } : { field, description: value };
        });
      if (updates.length === 0) errors.answers = 'Answer at least one of the fields the Server asked for.';
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return {
        ok: true,
        input: { type: 'client_submission', replyTo: replyTo.messageId, updates, ...attachments },
      };
    }
  }
}
