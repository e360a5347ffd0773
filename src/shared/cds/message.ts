import { z } from 'zod';
import { openEnum } from './open-enum';
import {
  authorizationDetailsSchema,
  datetimeSchema,
  decimalSchema,
  nullableUrlSchema,
  pageLinkSchema,
  urlSchema,
} from './primitives';

/** The requests a Client may start (cds-wg1-02 §6.9), in their §6.2 order. */
const CLIENT_REQUEST_TYPES = [
  'private_message',
  'production_request',
  'support_request',
  'grant_request',
] as const;

/** cds-wg1-02 §6.2 */
export const MESSAGE_TYPES = [
  'notification',
  ...CLIENT_REQUEST_TYPES,
  'field_changes',
  'server_request',
  'client_submission',
  'payment_request',
  'online_form_request',
  'pdf_form_request',
  'request_update',
] as const;
export const messageTypeSchema = openEnum(MESSAGE_TYPES);
export type MessageType = z.infer<typeof messageTypeSchema>;

/** The types a Client may create (cds-wg1-02 §6.9). */
export const CLIENT_MESSAGE_TYPES = [...CLIENT_REQUEST_TYPES, 'client_submission'] as const;

/** cds-wg1-02 §6.3 */
export const MESSAGE_STATUSES = ['complete', 'open', 'pending', 'rejected', 'errored'] as const;
export const messageStatusSchema = openEnum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

/** cds-wg1-02 §6.4 */
export const MESSAGE_RELATED_TYPES = [
  'more_info',
  'documentation',
  'support',
  'online_form',
  'pdf_form',
  'payment_form',
  'payment_receipt',
  'client_list',
  'client',
  'grant_list',
  'grant',
  'message_list',
  'message',
  'credential_list',
  'credential',
] as const;
export const messageRelatedTypeSchema = openEnum(MESSAGE_RELATED_TYPES);
export type MessageRelatedType = z.infer<typeof messageRelatedTypeSchema>;

/** Client Update Request (cds-wg1-02 §6.5); the values are "various" and kept as sent. */
export const clientUpdateRequestSchema = z.looseObject({
  field: z.string(),
  name: z.string().optional(),
  description: z.string().optional(),
  uri: urlSchema.optional(),
  previous_value: z.unknown().optional(),
  new_value: z.unknown().optional(),
});
export type ClientUpdateRequest = z.infer<typeof clientUpdateRequestSchema>;

/** Client Grant Request (cds-wg1-02 §6.6) */
export const clientGrantRequestSchema = z.looseObject({
  scope: z.string(),
  authorization_details: authorizationDetailsSchema,
});
export type ClientGrantRequest = z.infer<typeof clientGrantRequestSchema>;

/** Message Attachment (cds-wg1-02 §6.7): `data` is Base64. */
export const messageAttachmentSchema = z.looseObject({
  filename: z.string(),
  mime_type: z.string(),
  data: z.string(),
});
export type MessageAttachment = z.infer<typeof messageAttachmentSchema>;

/** What a Message and the body that creates it (cds-wg1-02 §6.1, §6.9) both carry. */
const messageContentShape = {
  name: z.string(),
  description: z.string(),
  updates_requested: z.array(clientUpdateRequestSchema).optional(),
  grants_requested: z.array(clientGrantRequestSchema).optional(),
  attachments: z.array(messageAttachmentSchema).optional(),
  related_uri: nullableUrlSchema.optional(),
};

/** Message (cds-wg1-02 §6.1) */
export const messageSchema = z.looseObject({
  message_id: z.string(),
  uri: urlSchema,
  previous_uri: nullableUrlSchema,
  type: messageTypeSchema,
  read: z.boolean(),
  creator: z.string().nullable(),
  created: datetimeSchema,
  modified: datetimeSchema,
  status: messageStatusSchema,
  ...messageContentShape,
  related_type: messageRelatedTypeSchema.optional(),
  amount: decimalSchema.optional(),
  currency: z.string().optional(),
});
export type Message = z.infer<typeof messageSchema>;

/** Message listing (cds-wg1-02 §6.8): three sections, each paginated on its own. */
export const messageListingSchema = z.looseObject({
  outstanding: z.array(messageSchema),
  outstanding_next: pageLinkSchema,
  outstanding_previous: pageLinkSchema,
  unread: z.array(messageSchema),
  unread_next: pageLinkSchema,
  unread_previous: pageLinkSchema,
  read: z.array(messageSchema),
  read_next: pageLinkSchema,
  read_previous: pageLinkSchema,
});
export type MessageListing = z.infer<typeof messageListingSchema>;

export const MESSAGE_LISTING_SECTIONS = ['outstanding', 'unread', 'read'] as const;
export type MessageListingSection = (typeof MESSAGE_LISTING_SECTIONS)[number];

/**
 * Body of a Message creation (cds-wg1-02 §6.9). `previous_uri` MUST be sent (null when not a reply),
 * yet the §12.9 example omits it, so absence reads as `null`.
 */
export const messageCreateRequestSchema = z.looseObject({
  previous_uri: nullableUrlSchema.default(null),
  type: messageTypeSchema,
  ...messageContentShape,
});
export type MessageCreateRequest = z.infer<typeof messageCreateRequestSchema>;

/** Body of a Message modification (cds-wg1-02 §6.11): only `read` may change. */
export const messageModifyRequestSchema = z.looseObject({
  read: z.boolean(),
});
export type MessageModifyRequest = z.infer<typeof messageModifyRequestSchema>;
