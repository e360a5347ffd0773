import { z } from 'zod';
import { type Message, messageSchema, safeParseCds } from '../../shared/cds/index';
import type { AttachmentView, MessageCounts, MessageView } from '../../shared/ipc/messages-contract';
import { base64DecodedSize } from '../cds/attachments';
import { buildThreads, effectiveStatus, requestUpdatesByTarget } from '../cds/message-threads';
import type { FetchedMessage } from '../cds/messages';

// The Messages of each Server (`state/messages.json`), as the Server gave them minus attachment
// data (Base64, up to 10 MB and more per Message: it stays at the Server and is fetched again when
// a person saves an attachment). Non-secret: Messages never carry credentials (cds-wg1-02 §6.1).

export const cachedMessageSchema = z.object({
  object: z.record(z.string(), z.unknown()),
  attachments: z.array(
    z.object({ index: z.number(), filename: z.string(), mimeType: z.string(), size: z.number() }),
  ),
});
export type CachedMessage = z.infer<typeof cachedMessageSchema>;

export const messageCacheSchema = z.object({
  messages: z.record(z.string(), cachedMessageSchema),
  /** Ids per listing section (§6.8), in the Server's order (newest modified first). */
  sections: z.object({
    outstanding: z.array(z.string()),
    unread: z.array(z.string()),
    read: z.array(z.string()),
  }),
  syncedAt: z.string().nullable(),
});
export type MessageCache = z.infer<typeof messageCacheSchema>;

export const emptyMessageCache = (): MessageCache => ({
  messages: {},
  sections: { outstanding: [], unread: [], read: [] },
  syncedAt: null,
});

const withoutData = messageSchema.omit({ attachments: true });

/** The cache entry of a fetched Message: attachment data replaced by its decoded size. */
export function cacheEntryOf(fetched: FetchedMessage): CachedMessage {
  const attachments: AttachmentView[] = (fetched.message.attachments ?? []).map((attachment, index) => ({
    index,
    filename: attachment.filename,
    mimeType: attachment.mime_type,
    size: base64DecodedSize(attachment.data),
  }));
  const object: Record<string, unknown> = { ...fetched.raw };
  if (Array.isArray(object.attachments)) {
    object.attachments = attachments.map((attachment) => ({
      filename: attachment.filename,
      mime_type: attachment.mimeType,
      size: attachment.size,
    }));
  }
  return { object, attachments };
}

// Attachments are optional in a Message, so a cached one (sizes instead of data) reads as one without.
type CachedParsed = Message;

/** The cached Messages, parsed (an entry that no longer parses is skipped, never fatal). */
export function parsedMessages(cache: MessageCache): Array<{ message: CachedParsed; entry: CachedMessage }> {
  return Object.values(cache.messages).flatMap((entry) => {
    const parsed = safeParseCds(withoutData, entry.object, 'a saved Message');
    return parsed.success
      ? [{ message: { ...(parsed.data as CachedParsed), attachments: undefined }, entry }]
      : [];
  });
}

export function countsOf(serverId: string, cache: MessageCache): MessageCounts {
  return {
    serverId,
    unreadCount: cache.sections.unread.length,
    outstandingCount: cache.sections.outstanding.length,
  };
}

/** Views of every cached Message, with effective status (§6.2) and thread (previous_uri). */
export function messageViewsOf(serverId: string, cache: MessageCache): MessageView[] {
  const parsed = parsedMessages(cache);
  const messages = parsed.map((item) => item.message);
  const updates = requestUpdatesByTarget(messages);
  const rootOf = new Map<string, string>();
  for (const thread of buildThreads(messages))
    for (const message of thread.messages) rootOf.set(message.message_id, thread.rootId);
  const outstanding = new Set(cache.sections.outstanding);
  const views = parsed.map(({ message, entry }): MessageView => {
    const effective = effectiveStatus(message, updates);
    return {
      serverId,
      messageId: message.message_id,
      uri: message.uri,
      previousUri: message.previous_uri,
      type: message.type,
      read: message.read,
      creator: message.creator,
      fromServer: message.creator === null,
      created: message.created,
      modified: message.modified,
      status: message.status,
      effectiveStatus: effective.status,
      updatedBy: effective.updatedBy,
      name: message.name,
      description: message.description,
      relatedUri: effective.relatedUri,
      relatedType: effective.relatedType,
      amount: message.amount ?? null,
      currency: message.currency ?? null,
      outstanding: outstanding.has(message.message_id),
      threadId: rootOf.get(message.message_id) ?? message.message_id,
      attachments: entry.attachments,
      object: entry.object,
    };
  });
  // §6.8: newest modified first.
  return views.sort((a, b) => b.modified.localeCompare(a.modified) || a.messageId.localeCompare(b.messageId));
}
