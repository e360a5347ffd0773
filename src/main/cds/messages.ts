import { z } from 'zod';
import {
  MESSAGE_LISTING_SECTIONS,
  type Message,
  type MessageCreateRequest,
  type MessageListingSection,
  messageListingSchema,
  messageSchema,
} from '../../shared/cds/index';
import type { ServerContext } from '../companion/server-context';
import { AttachmentTooLargeError } from './attachments';
import { CdsError, type CdsErrorOptions } from './errors';
import { errorForStatus, parseJsonBody, validateWithSchema } from './http/json-response';
import { redactUrl } from './redact';

// cds-wg1-02 §6 Messages API with the cds_client_admin token: the listing's three sections, each
// followed to its end through its own `<section>_next` link (§6.8), retrieval by `uri` (§6.10),
// creation (§6.9, 201; 413 when attachments exceed the Server's limit) and `read` changes (§6.11).

/** A Message parsed by the shared schema, and the object exactly as the Server sent it. */
export interface FetchedMessage {
  readonly message: Message;
  readonly raw: Record<string, unknown>;
}

export interface MessageListingResult {
  /** Every Message, once, in the order first seen (each section is newest-modified first: §6.8). */
  readonly messages: FetchedMessage[];
  /** Which section listed each id (a Message may be in two: unread and outstanding). */
  readonly sections: Readonly<Record<MessageListingSection, string[]>>;
}

// Attachments travel inside Messages (Base64, up to the Server's limit of at least 10 MB each
// Message), so Message bodies may be far larger than the default JSON cap.
export const MESSAGE_BODY_LIMIT = 64 * 1024 * 1024;
const MAX_PAGES = 1000;
const anyJson = z.unknown();

const rawItems = (page: unknown, key: string): Record<string, unknown>[] => {
  const items = (page as Record<string, unknown>)[key];
  return Array.isArray(items) ? (items as Record<string, unknown>[]) : [];
};

/**
 * Reads every Message (§6.8): the first page, then each section's own `_next` chain until null.
 * A next page of one section lists only that section, so sections are followed independently.
 */
export async function listMessages(
  context: ServerContext,
  filter: { readonly messageIds?: readonly string[] } = {},
): Promise<MessageListingResult> {
  const step = 'reading the Messages';
  const first = new URL(context.oauth.cds_messages_api);
  if (filter.messageIds && filter.messageIds.length > 0)
    first.searchParams.set('message_ids', filter.messageIds.join(' '));
  const byId = new Map<string, FetchedMessage>();
  const sections: Record<MessageListingSection, string[]> = { outstanding: [], unread: [], read: [] };
  const readPage = async (url: URL) => {
    const body = await context.withAdminToken(step, (bearer) =>
      context.http.getJson(url, {
        server: context.ref,
        step,
        schema: anyJson,
        what: 'the Message listing',
        bearer,
        maxBytes: MESSAGE_BODY_LIMIT,
      }),
    );
    return {
      listing: validateWithSchema(messageListingSchema, body, 'the Message listing', {
        server: context.ref,
        step,
      }),
      body,
    };
  };
  const take = (
    section: MessageListingSection,
    listing: z.infer<typeof messageListingSchema>,
    body: unknown,
  ) => {
    const raws = rawItems(body, section);
    listing[section].forEach((message, index) => {
      if (!byId.has(message.message_id)) byId.set(message.message_id, { message, raw: raws[index] ?? {} });
      if (!sections[section].includes(message.message_id)) sections[section].push(message.message_id);
    });
  };
  const firstPage = await readPage(first);
  for (const section of MESSAGE_LISTING_SECTIONS) take(section, firstPage.listing, firstPage.body);
  for (const section of MESSAGE_LISTING_SECTIONS) {
    const seen = new Set<string>([first.href]);
    let next = firstPage.listing[`${section}_next`] ?? null;
    let base = first;
    for (let page = 0; next && page < MAX_PAGES; page += 1) {
      const url: URL = new URL(next, base);
      if (seen.has(url.href)) break;
      seen.add(url.href);
      const { listing, body } = await readPage(url);
      take(section, listing, body);
      next = listing[`${section}_next`] ?? null;
      base = url;
    }
  }
  return { messages: [...byId.values()], sections };
}

/** One Message by its `uri` (§6.10), attachments included. */
export async function fetchMessage(context: ServerContext, uri: string): Promise<FetchedMessage> {
  const step = 'reading a Message';
  const raw = await context.withAdminToken(step, (bearer) =>
    context.http.getJson(uri, {
      server: context.ref,
      step,
      schema: z.record(z.string(), z.unknown()),
      what: 'the Message',
      bearer,
      maxBytes: MESSAGE_BODY_LIMIT,
    }),
  );
  return {
    message: validateWithSchema(messageSchema, raw, 'the Message', { server: context.ref, step }),
    raw,
  };
}

/** Sends a JSON body; any non-2xx becomes the usual error, 413 a clear one about attachments. */
async function sendMessageJson(
  context: ServerContext,
  method: 'POST' | 'PATCH',
  url: string,
  body: unknown,
  step: string,
  what: string,
): Promise<FetchedMessage> {
  const raw = await context.withAdminToken(step, async (bearer) => {
    const response = await context.http.request(url, {
      server: context.ref,
      step,
      method,
      bearer,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      retry: false,
      maxBytes: MESSAGE_BODY_LIMIT,
    });
    const payload = await response.bytes();
    if (response.status === 413) {
      // §6.9: the attachments exceed this Server's limit (which is at least 10 MB).
      throw new AttachmentsRefusedError({
        server: context.ref,
        step,
        detail: `${method} ${redactUrl(response.url)} -> 413`,
        secrets: [bearer],
      });
    }
    if (response.status < 200 || response.status > 299) {
      throw errorForStatus({
        server: context.ref,
        step,
        status: response.status,
        method,
        url: redactUrl(response.url),
        body: payload,
        secrets: [bearer],
      });
    }
    return parseJsonBody(payload, what, { server: context.ref, step }) as Record<string, unknown>;
  });
  return { message: validateWithSchema(messageSchema, raw, what, { server: context.ref, step }), raw };
}

/** §6.9: creates a Message; the Server answers 201 with the whole new Message. */
export function createMessage(
  context: ServerContext,
  request: MessageCreateRequest,
): Promise<FetchedMessage> {
  return sendMessageJson(
    context,
    'POST',
    context.oauth.cds_messages_api,
    request,
    `sending a ${request.type} Message`,
    'the new Message',
  );
}

/** §6.11: only `read` may change. */
export function markMessageRead(
  context: ServerContext,
  message: Pick<Message, 'uri' | 'message_id'>,
  read: boolean,
): Promise<FetchedMessage> {
  return sendMessageJson(
    context,
    'PATCH',
    message.uri,
    { read },
    `marking Message ${message.message_id} as ${read ? 'read' : 'unread'}`,
    'the changed Message',
  );
}

/** §6.9 413 Content Too Large: the Message's attachments exceed this Server's limit. */
export class AttachmentsRefusedError extends CdsError {
  readonly kind = 'http-status' as const;
  readonly status = 413;
  constructor(options: CdsErrorOptions) {
    super(
      'the Server refused the Message because its attachments are larger than it accepts (413 Content Too Large); attach smaller files',
      options,
    );
  }
  protected override extraJson(): Record<string, unknown> {
    return { status: this.status };
  }
}

/** Whether a send failed for the size of its attachments (the local §6.9 check or the Server's 413). */
export function isAttachmentRefusal(error: unknown): boolean {
  return error instanceof AttachmentTooLargeError || error instanceof AttachmentsRefusedError;
}
