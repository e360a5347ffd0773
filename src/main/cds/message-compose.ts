import type {
  AuthorizationDetail,
  Message,
  MessageAttachment,
  MessageCreateRequest,
} from '../../shared/cds/index';

// The body of a Client-created Message (cds-wg1-02 §6.9), with its per-type rules:
// - `previous_uri` is always sent: a client_submission MUST answer a server_request; a
//   support_request or private_message MAY answer any Message; otherwise it is null;
// - a client_submission has an empty `name` and `description` and lists `updates_requested`
//   for fields the server_request asked for;
// - support_request / private_message: `name` is the subject, `description` the body;
// - production_request: `related_uri` is a sandbox Client Object's `cds_client_uri`;
// - grant_request: `grants_requested` (§6.6) and `related_uri`, the Client Object to receive them;
// - `related_uri` is left out when there is no relevant API endpoint ("MUST not include").

export type ClientMessageType =
  | 'private_message'
  | 'support_request'
  | 'production_request'
  | 'grant_request'
  | 'client_submission';

export interface ComposeInput {
  readonly type: ClientMessageType;
  readonly subject?: string | undefined;
  readonly body?: string | undefined;
  /** The Message answered (resolved from its id by the caller). */
  readonly replyTo?: Pick<Message, 'uri' | 'type' | 'message_id' | 'updates_requested'> | null | undefined;
  readonly relatedUri?: string | null | undefined;
  readonly grantsRequested?:
    | ReadonlyArray<{
        readonly scope: string;
        readonly authorizationDetails?: readonly AuthorizationDetail[] | undefined;
      }>
    | undefined;
  readonly updates?:
    | ReadonlyArray<{
        readonly field: string;
        readonly description?: string | undefined;
        readonly uri?: string | undefined;
      }>
    | undefined;
  readonly attachments?: readonly MessageAttachment[] | undefined;
}

/** A request this app will not send; the message says what to change. */
export class ComposeError extends Error {}

const isAbsoluteUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

/** Builds the §6.9 body; throws ComposeError naming what is missing or not allowed. */
export function composeMessage(input: ComposeInput): MessageCreateRequest {
  const subject = input.subject?.trim() ?? '';
  const body = input.body ?? '';
  const replyTo = input.replyTo ?? null;
  const related = input.relatedUri ?? null;
  if (related !== null && !isAbsoluteUrl(related))
    throw new ComposeError(`the related URI ${related} is not an absolute https:// address`);
  const attachments =
    input.attachments && input.attachments.length > 0 ? { attachments: [...input.attachments] } : {};

  switch (input.type) {
    case 'private_message':
    case 'support_request': {
      if (subject.length === 0) throw new ComposeError(`a ${input.type} needs a subject`);
      if (body.trim().length === 0) throw new ComposeError(`a ${input.type} needs a body`);
      if (input.type === 'private_message' && related !== null) {
        throw new ComposeError('a private_message has no related URI (cds-wg1-02 §6.9)');
      }
      return {
        previous_uri: replyTo?.uri ?? null,
        type: input.type,
        name: subject,
        description: body,
        ...(related === null ? {} : { related_uri: related }),
        ...attachments,
      };
    }
    case 'production_request': {
      if (related === null)
        throw new ComposeError(
          'a production_request needs the sandbox Client Object it is about (its cds_client_uri)',
        );
      return {
        previous_uri: replyTo?.uri ?? null,
        type: 'production_request',
        name: subject || 'Production access request',
        description: body || 'Please review this Client Object for production access.',
        related_uri: related,
        ...attachments,
      };
    }
    case 'grant_request': {
      const grants = input.grantsRequested ?? [];
      if (grants.length === 0)
        throw new ComposeError('a grant_request needs at least one requested Grant (a scope)');
      if (related === null)
        throw new ComposeError(
          'a grant_request needs the Client Object to receive the Grants (its cds_client_uri)',
        );
      for (const grant of grants) {
        if (grant.scope.trim().length === 0) throw new ComposeError('every requested Grant needs a scope');
      }
      return {
        previous_uri: replyTo?.uri ?? null,
        type: 'grant_request',
        name: subject || 'Grant request',
        description: body || `Please create Grants for: ${grants.map((grant) => grant.scope).join(', ')}.`,
        grants_requested: grants.map((grant) => ({
          scope: grant.scope.trim(),
          authorization_details: [...(grant.authorizationDetails ?? [])],
        })),
        related_uri: related,
        ...attachments,
      };
    }
    case 'client_submission': {
      if (!replyTo)
        throw new ComposeError(
          'a client_submission answers a server_request: give the Message it replies to',
        );
      if (replyTo.type !== 'server_request') {
        throw new ComposeError(
          `a client_submission answers a server_request, and Message ${replyTo.message_id} is a ${replyTo.type}`,
        );
      }
      if (related !== null)
        throw new ComposeError('a client_submission has no related URI (cds-wg1-02 §6.9)');
      const asked = (replyTo.updates_requested ?? []).map((update) => update.field);
      let updates = [...(input.updates ?? [])];
      if (updates.length === 0 && body.trim().length > 0 && asked.length === 1 && asked[0] !== undefined) {
        // One field asked for and a plain answer given: the answer is that field's value.
        updates = [
          isAbsoluteUrl(body.trim())
            ? { field: asked[0], uri: body.trim() }
            : { field: asked[0], description: body },
        ];
      }
      if (updates.length === 0) {
        throw new ComposeError(
          `a client_submission answers the requested fields (${asked.join(', ') || 'none listed'}); give a value for each`,
        );
      }
      for (const update of updates) {
        if (!asked.includes(update.field)) {
          throw new ComposeError(
            `the server_request did not ask for "${update.field}" (it asked for: ${asked.join(', ')})`,
          );
        }
        if (update.description === undefined && update.uri === undefined)
          throw new ComposeError(`the field "${update.field}" needs a value`);
        if (update.uri !== undefined && !isAbsoluteUrl(update.uri))
          throw new ComposeError(`the value of "${update.field}" is not an absolute address`);
      }
      return {
        previous_uri: replyTo.uri,
        type: 'client_submission',
        name: '',
        description: '',
        updates_requested: updates.map((update) => ({
          field: update.field,
          ...(update.description === undefined ? {} : { description: update.description }),
          ...(update.uri === undefined ? {} : { uri: update.uri }),
        })),
        ...attachments,
      };
    }
    default:
      throw new ComposeError(
        `this app cannot send a Message of type ${String((input as { type: unknown }).type)}`,
      );
  }
}
