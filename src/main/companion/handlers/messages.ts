import type { Message, MessageAttachment } from '../../../shared/cds/index';
import type { MessageListResult, MessageSendInput, MessageView } from '../../../shared/ipc/messages-contract';
import {
  AttachmentTooLargeError,
  checkAttachmentTotal,
  type PreparedAttachment,
  prepareAttachment,
  readAttachments,
  saveAttachment,
} from '../../cds/attachments';
import { getClientObject } from '../../cds/clients';
import { ComposeError, composeMessage } from '../../cds/message-compose';
import { threadOf } from '../../cds/message-threads';
import {
  createMessage,
  type FetchedMessage,
  fetchMessage,
  listMessages,
  markMessageRead,
} from '../../cds/messages';
import type { AreaStore } from '../area-store';
import type { CompanionCore } from '../companion-core';
import { CompanionError } from '../companion-error';
import type { CompanionModuleFactory } from '../companion-module';
import {
  cacheEntryOf,
  countsOf,
  emptyMessageCache,
  type MessageCache,
  messageCacheSchema,
  messageViewsOf,
} from '../message-cache';
import { recordTodos } from '../registration-todos';
import type { ServerContext } from '../server-context';

// The Messages area (cds-wg1-02 §6): the cached listing with unread / outstanding counts (the
// Servers list and the tray badge), threads and effective statuses, sending every Client type with
// attachments, read/unread, saving attachments. `refreshMessages` is also the poller's first step.

export interface MessagesRefresh {
  /** Messages not seen before, or modified since the last refresh. */
  readonly changed: FetchedMessage[];
  /** Every Message now listed. */
  readonly all: Message[];
  readonly total: number;
}

type Refresher = (context: ServerContext) => Promise<MessagesRefresh>;
const refreshers = new WeakMap<CompanionCore, Refresher>();

/** The messages area's refresh for this Companion (the poller reads new Messages through it). */
export function messagesRefreshFor(core: CompanionCore): Refresher {
  const refresher = refreshers.get(core);
  if (!refresher) throw new Error('the messages area is not open');
  return refresher;
}

async function prepareAttachments(
  context: ServerContext,
  inputs: MessageSendInput['attachments'],
  step: string,
): Promise<MessageAttachment[]> {
  if (!inputs || inputs.length === 0) return [];
  try {
    const paths = inputs.flatMap((input) => ('path' in input ? [input.path] : []));
    const fromFiles = await readAttachments(paths);
    const fromContent: PreparedAttachment[] = inputs.flatMap((input) =>
      'base64' in input ? [prepareAttachment(input.filename, input.base64)] : [],
    );
    const all = [...fromFiles, ...fromContent];
    checkAttachmentTotal(all.map((item) => item.size));
    return all.map((item) => item.attachment);
  } catch (error) {
    if (error instanceof AttachmentTooLargeError) {
      throw new CompanionError('invalid-argument', error.message, { server: context.ref, step });
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      throw new CompanionError(
        'invalid-argument',
        `an attachment could not be read (${code === 'ENOENT' ? 'no such file' : 'not readable'})`,
        { server: context.ref, step },
      );
    }
    throw error;
  }
}

export const messagesModule: CompanionModuleFactory = async (core) => {
  const cache: AreaStore<MessageCache> = await core.openCache({
    area: 'messages',
    schema: messageCacheSchema,
    empty: emptyMessageCache,
  });
  const contextOf = (serverId: string, step: string) => {
    const context = core.context(serverId, step);
    context.requireRegistration(step);
    return context;
  };
  const emitCounts = (serverId: string) =>
    core.events.emit('messages.changed', countsOf(serverId, cache.readOrEmpty(serverId)));

  const refresh: Refresher = async (context) => {
    const listing = await listMessages(context);
    const before = cache.readOrEmpty(context.serverId);
    const changed = listing.messages.filter(
      ({ message }) => before.messages[message.message_id]?.object.modified !== message.modified,
    );
    const at = new Date(core.clock.now()).toISOString();
    await cache.update(context.serverId, () => ({
      messages: Object.fromEntries(
        listing.messages.map((fetched) => [fetched.message.message_id, cacheEntryOf(fetched)]),
      ),
      sections: {
        outstanding: [...listing.sections.outstanding],
        unread: [...listing.sections.unread],
        read: [...listing.sections.read],
      },
      syncedAt: at,
    }));
    // The to-dos follow the Messages that answer them (cds-wg1-02 §3.6).
    const all = listing.messages.map((fetched) => fetched.message);
    await recordTodos(core, context.serverId, all);
    const removed = Object.keys(before.messages).some(
      (id) => !listing.messages.some((fetched) => fetched.message.message_id === id),
    );
    if (changed.length > 0 || removed || before.syncedAt === null) emitCounts(context.serverId);
    return {
      changed,
      all,
      total: listing.messages.length,
    };
  };
  refreshers.set(core, refresh);

  /** Puts one fetched Message in the cache, moving it between the read/unread sections. */
  const remember = async (serverId: string, fetched: FetchedMessage) => {
    const id = fetched.message.message_id;
    await cache.update(serverId, (draft) => {
      draft.messages[id] = cacheEntryOf(fetched);
      const own = fetched.message.read ? 'read' : 'unread';
      const other = fetched.message.read ? 'unread' : 'read';
      draft.sections[other] = draft.sections[other].filter((item) => item !== id);
      if (!draft.sections[own].includes(id)) draft.sections[own].unshift(id);
      const open = fetched.message.status === 'open' || fetched.message.status === 'pending';
      draft.sections.outstanding = draft.sections.outstanding.filter((item) => item !== id);
      if (open) draft.sections.outstanding.unshift(id);
    });
    emitCounts(serverId);
  };

  const viewOf = (serverId: string, messageId: string): MessageView | undefined =>
    messageViewsOf(serverId, cache.readOrEmpty(serverId)).find((view) => view.messageId === messageId);

  /** A Message by id: from the cache, else after a refresh; CompanionError('not-found') otherwise. */
  const findMessage = async (context: ServerContext, messageId: string, step: string) => {
    if (!cache.readOrEmpty(context.serverId).messages[messageId]) await refresh(context);
    const entry = cache.readOrEmpty(context.serverId).messages[messageId];
    if (!entry)
      throw new CompanionError('not-found', `the Server has no Message ${messageId} for this registration`, {
        server: context.ref,
        step,
      });
    return entry;
  };

  const list = async (
    serverId: string,
    options?: { section?: 'outstanding' | 'unread' | 'read'; cached?: boolean },
  ): Promise<MessageListResult> => {
    const context = contextOf(serverId, 'listing the Messages');
    if (!options?.cached || cache.read(context.serverId) === undefined) await refresh(context);
    const current = cache.readOrEmpty(context.serverId);
    let messages = messageViewsOf(context.serverId, current);
    if (options?.section) {
      const ids = new Set(current.sections[options.section]);
      messages = messages.filter((message) => ids.has(message.messageId));
    }
    return { ...countsOf(context.serverId, current), messages, syncedAt: current.syncedAt };
  };

  const send = async (serverId: string, input: MessageSendInput): Promise<MessageView> => {
    const step = `sending a ${input.type} Message`;
    const context = contextOf(serverId, step);
    const replyTo = input.replyTo === undefined ? null : await findMessage(context, input.replyTo, step);
    let relatedUri = input.relatedUri ?? null;
    if (input.clientId !== undefined) {
      const { client } = await getClientObject(context, input.clientId);
      relatedUri = client.cds_client_uri;
    }
    const attachments = await prepareAttachments(context, input.attachments, step);
    let request: ReturnType<typeof composeMessage>;
    try {
      const previous = replyTo?.object as
        | { uri: string; type: string; message_id: string; updates_requested?: Array<{ field: string }> }
        | undefined;
      request = composeMessage({
        type: input.type,
        subject: input.subject,
        body: input.body,
        replyTo: previous ?? null,
        relatedUri,
        grantsRequested: input.grantsRequested,
        updates: input.updates,
        attachments,
      });
    } catch (error) {
      if (error instanceof ComposeError)
        throw new CompanionError('invalid-argument', error.message, { server: context.ref, step });
      throw error;
    }
    const created = await createMessage(context, request);
    // §6.9 side effects (an answered server_request turns pending) show after a fresh listing.
    await refresh(context).catch(() => remember(context.serverId, created));
    if (!cache.readOrEmpty(context.serverId).messages[created.message.message_id])
      await remember(context.serverId, created);
    const view = viewOf(context.serverId, created.message.message_id);
    if (!view)
      throw new CompanionError('internal', 'the new Message could not be shown', {
        server: context.ref,
        step,
      });
    return view;
  };

  return {
    area: 'messages',
    syncOrder: 50,
    sync: async (context) => {
      const outcome = await refresh(context);
      // A full sync always tells the front ends the counts (badges start from it).
      if (outcome.changed.length === 0) emitCounts(context.serverId);
      return { messages: outcome.total };
    },
    forgetServer: (serverId) => cache.forget(serverId),
    summarize: (serverId) => ({ unreadCount: cache.read(serverId)?.sections.unread.length ?? 0 }),
    handlers: {
      'messages.list': list,
      'messages.get': async (serverId, messageId) => {
        const step = `reading Message ${messageId}`;
        const context = contextOf(serverId, step);
        // A fresh listing first: replies and request_updates decide the thread and the status (§6.2).
        await refresh(context);
        const entry = await findMessage(context, messageId, step);
        await remember(context.serverId, await fetchMessage(context, String(entry.object.uri)));
        const views = messageViewsOf(context.serverId, cache.readOrEmpty(context.serverId));
        const message = views.find((view) => view.messageId === messageId);
        const thread = threadOf(
          views.map((view) => ({ ...view, message_id: view.messageId, previous_uri: view.previousUri })),
          messageId,
        );
        if (!message || !thread)
          throw new CompanionError('internal', 'the Message could not be shown', {
            server: context.ref,
            step,
          });
        return {
          message,
          thread: {
            rootId: thread.rootId,
            messages: thread.messages.map(({ message_id: _id, previous_uri: _previous, ...view }) => view),
          },
        };
      },
      'messages.send': send,
      'messages.markRead': async (serverId, messageId, read) => {
        const step = `marking Message ${messageId} as ${read ? 'read' : 'unread'}`;
        const context = contextOf(serverId, step);
        const entry = await findMessage(context, messageId, step);
        const changed = await markMessageRead(
          context,
          { uri: String(entry.object.uri), message_id: messageId },
          read,
        );
        await remember(context.serverId, changed);
        const view = viewOf(context.serverId, messageId);
        if (!view)
          throw new CompanionError('internal', 'the Message could not be shown', {
            server: context.ref,
            step,
          });
        return view;
      },
      'messages.saveAttachment': async (serverId, messageId, index, folder) => {
        const step = `saving an attachment of Message ${messageId}`;
        const context = contextOf(serverId, step);
        const entry = await findMessage(context, messageId, step);
        const fetched = await fetchMessage(context, String(entry.object.uri));
        const attachment = fetched.message.attachments?.[index];
        if (!attachment)
          throw new CompanionError(
            'not-found',
            `Message ${messageId} has no attachment number ${index + 1}`,
            { server: context.ref, step },
          );
        try {
          return await saveAttachment(attachment, folder);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') {
            throw new CompanionError('invalid-argument', `the folder ${folder} cannot be written to`, {
              server: context.ref,
              step,
            });
          }
          throw error;
        }
      },
      'messages.counts': async () =>
        core.state.read().serverOrder.map((serverId) => countsOf(serverId, cache.readOrEmpty(serverId))),
    },
  };
};
