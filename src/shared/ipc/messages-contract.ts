import { z } from 'zod';
import { CLIENT_MESSAGE_TYPES } from '../cds/message';
import { method } from './define';

/** An attachment as listed: its data stays with the Server until saved (`messages.saveAttachment`). */
export const attachmentView = z.object({
  index: z.number().int().nonnegative(),
  filename: z.string(),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
});
export type AttachmentView = z.infer<typeof attachmentView>;

/** A Message (cds-wg1-02 §6.1) for a list or a page. */
export const messageView = z.object({
  serverId: z.string(),
  messageId: z.string(),
  uri: z.string(),
  previousUri: z.string().nullable(),
  type: z.string(),
  read: z.boolean(),
  /** null: the Server wrote it; else the client_id of the Client Object that did (§6.1). */
  creator: z.string().nullable(),
  fromServer: z.boolean(),
  created: z.string(),
  modified: z.string(),
  /** The Message's own status. */
  status: z.string(),
  /** §6.2: the status of its newest request_update, else its own. */
  effectiveStatus: z.string(),
  /** The request_update that set `effectiveStatus`, if any. */
  updatedBy: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  relatedUri: z.string().nullable(),
  relatedType: z.string().nullable(),
  amount: z.string().nullable(),
  currency: z.string().nullable(),
  /** Listed in the `outstanding` section (§6.8: open or pending). */
  outstanding: z.boolean(),
  /** The first Message of its conversation (rebuilt from `previous_uri`). */
  threadId: z.string(),
  attachments: z.array(attachmentView),
  /** The Message as the Server gave it, attachment data left out (kept at the Server). */
  object: z.record(z.string(), z.unknown()),
});
export type MessageView = z.infer<typeof messageView>;

export const messageSection = z.enum(['outstanding', 'unread', 'read']);
export type MessageSection = z.infer<typeof messageSection>;

export const messageCounts = z.object({
  serverId: z.string(),
  unreadCount: z.number().int().nonnegative(),
  outstandingCount: z.number().int().nonnegative(),
});
export type MessageCounts = z.infer<typeof messageCounts>;

export const messageListResult = messageCounts.extend({
  messages: z.array(messageView),
  syncedAt: z.string().nullable(),
});
export type MessageListResult = z.infer<typeof messageListResult>;

export const messageThreadView = z.object({
  rootId: z.string(),
  messages: z.array(messageView),
});

export const messageDetail = z.object({
  message: messageView,
  /** Its whole conversation, oldest first. */
  thread: messageThreadView,
});
export type MessageDetail = z.infer<typeof messageDetail>;

/** A file to attach: a path on this computer (main process / CLI) or content (renderer picker). */
export const attachmentInput = z.union([
  z.object({ path: z.string().min(1) }),
  z.object({ filename: z.string().min(1).max(255), base64: z.string() }),
]);

/** What a person writes; the Companion turns it into the §6.9 body with that type's rules. */
export const messageSendInput = z.object({
  type: z.enum(CLIENT_MESSAGE_TYPES),
  subject: z.string().max(1000).optional(),
  body: z.string().max(100_000).optional(),
  /** The id of the Message answered (`previous_uri`). */
  replyTo: z.string().optional(),
  relatedUri: z.string().optional(),
  /** production_request / grant_request: the Client Object meant (its `cds_client_uri` becomes `related_uri`). */
  clientId: z.string().optional(),
  grantsRequested: z
    .array(
      z.object({
        scope: z.string().min(1),
        authorizationDetails: z.array(z.looseObject({ type: z.string() })).optional(),
      }),
    )
    .optional(),
  /** client_submission answers, by requested field. */
  updates: z
    .array(
      z.object({ field: z.string().min(1), description: z.string().optional(), uri: z.string().optional() }),
    )
    .optional(),
  attachments: z.array(attachmentInput).max(50).optional(),
});
export type MessageSendInput = z.infer<typeof messageSendInput>;

export const savedAttachment = z.object({ path: z.string(), size: z.number().int().nonnegative() });

export const messagesMethods = {
  /** Every Message of the Server (all three sections, all pages: §6.8); `section` narrows the result. */
  'messages.list': method(
    z.tuple([
      z.string(),
      z.object({ section: messageSection.optional(), cached: z.boolean().optional() }).optional(),
    ]),
    messageListResult,
  ),
  'messages.get': method(z.tuple([z.string(), z.string()]), messageDetail),
  'messages.send': method(z.tuple([z.string(), messageSendInput]), messageView),
  /** PATCH `read` (§6.11): true marks read, false unread. */
  'messages.markRead': method(z.tuple([z.string(), z.string(), z.boolean()]), messageView),
  /** Saves attachment `index` of a Message into `folder` (safe name, never overwriting). */
  'messages.saveAttachment': method(
    z.tuple([z.string(), z.string(), z.number().int().nonnegative(), z.string()]),
    savedAttachment,
  ),
  /** Unread and outstanding counts of every Server, from the cache. */
  'messages.counts': method(z.tuple([]), z.array(messageCounts)),
};

export const messagesEvents = {
  'messages.changed': messageCounts,
};
