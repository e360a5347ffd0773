import type { MessageListResult, MessageView } from '../../../../shared/ipc/messages-contract';
import type { InboxFilter } from '../../stores/inbox-store';

/** The loaded Inbox, indexed once per listing so rendering a 10,000-Message list stays cheap. */
export interface InboxModel {
  /** Newest first by `modified` (cds-wg1-02 §6.8 orders each section so). */
  readonly messages: readonly MessageView[];
  readonly byId: ReadonlyMap<string, MessageView>;
  /** Each conversation (rebuilt from `previous_uri`), oldest first. */
  readonly threads: ReadonlyMap<string, readonly MessageView[]>;
  readonly counts: Readonly<Record<InboxFilter, number>>;
}

const timeOf = (value: string): number => {
  const time = Date.parse(value);
  return Number.isNaN(time) ? 0 : time;
};

export function buildInboxModel(result: Pick<MessageListResult, 'messages'>): InboxModel {
  const keyed = result.messages.map((message) => ({ message, modified: timeOf(message.modified) }));
  keyed.sort((a, b) => b.modified - a.modified);
  const messages = keyed.map((entry) => entry.message);
  const byId = new Map<string, MessageView>();
  const threads = new Map<string, MessageView[]>();
  let unread = 0;
  let outstanding = 0;
  for (const message of messages) {
    byId.set(message.messageId, message);
    const thread = threads.get(message.threadId);
    if (thread) thread.push(message);
    else threads.set(message.threadId, [message]);
    if (!message.read) unread += 1;
    if (message.outstanding) outstanding += 1;
  }
  for (const [rootId, thread] of threads) {
    // Oldest first; a Server may stamp a request and its answer in the same second, so the root
    // (the Message the thread was rebuilt from) leads and ties keep the older `modified` first.
    thread.reverse();
    thread.sort(
      (a, b) =>
        Number(b.messageId === rootId) - Number(a.messageId === rootId) ||
        timeOf(a.created) - timeOf(b.created),
    );
  }
  return {
    messages,
    byId,
    threads,
    counts: { all: messages.length, unread, outstanding, read: messages.length - unread },
  };
}

/** §6.8 sections: outstanding = open or pending, unread = `read` false, read = `read` true. */
export function matchesFilter(message: MessageView, filter: InboxFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'outstanding':
      return message.outstanding;
    case 'unread':
      return !message.read;
    case 'read':
      return message.read;
  }
}

export function filterMessages(model: InboxModel, filter: InboxFilter): readonly MessageView[] {
  return filter === 'all'
    ? model.messages
    : model.messages.filter((message) => matchesFilter(message, filter));
}

/** The conversation a Message belongs to (just the Message when its thread is not listed). */
export function threadOf(model: InboxModel, message: MessageView): readonly MessageView[] {
  return model.threads.get(message.threadId) ?? [message];
}

/** The first line of a body, trimmed for a list row. */
export function previewOf(description: string, length = 140): string {
  const flat = description.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
