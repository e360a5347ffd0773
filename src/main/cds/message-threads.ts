import type { Message } from '../../shared/cds/index';

// Conversations rebuilt from `previous_uri` (cds-wg1-02 §6.1: the Message this one replies to) and
// the effective status of a request: §6.2 "Clients MUST treat the `status` value of the latest
// `request_update` Message as overriding the `status` value in the Message linked by the
// `previous_uri` value".

/** The part of a Message threads need; the full shared schema type satisfies it. */
export type ThreadMessage = Pick<
  Message,
  'message_id' | 'uri' | 'previous_uri' | 'type' | 'status' | 'created' | 'modified'
> & {
  readonly related_uri?: string | null | undefined;
  readonly related_type?: string | undefined;
};

/** Oldest first; equal `created` falls back to `modified`, then the id, so the order is stable. */
export const byCreated = (a: ThreadMessage, b: ThreadMessage): number =>
  a.created.localeCompare(b.created) ||
  a.modified.localeCompare(b.modified) ||
  a.message_id.localeCompare(b.message_id);

export interface EffectiveStatus {
  /** The status to show: the newest request_update's, else the Message's own. */
  readonly status: string;
  /** The request_update that decided it, or null when the Message's own status stands. */
  readonly updatedBy: string | null;
  /** §6.3: a complete production/grant request links its result; the update may carry the link. */
  readonly relatedUri: string | null;
  readonly relatedType: string | null;
}

/** Indexes request_updates by the `uri` they answer, newest last. */
export function requestUpdatesByTarget<M extends ThreadMessage>(messages: readonly M[]): Map<string, M[]> {
  const byTarget = new Map<string, M[]>();
  for (const message of messages) {
    if (message.type !== 'request_update' || message.previous_uri === null) continue;
    const list = byTarget.get(message.previous_uri) ?? [];
    list.push(message);
    byTarget.set(message.previous_uri, list);
  }
  for (const list of byTarget.values()) list.sort(byCreated);
  return byTarget;
}

/** §6.2: the newest request_update answering `message` overrides its status. */
export function effectiveStatus(
  message: ThreadMessage,
  updates: ReadonlyMap<string, readonly ThreadMessage[]>,
): EffectiveStatus {
  const newest = updates.get(message.uri)?.at(-1);
  const source = newest ?? message;
  return {
    status: source.status,
    updatedBy: newest?.message_id ?? null,
    relatedUri: newest?.related_uri ?? message.related_uri ?? null,
    relatedType: newest?.related_type ?? message.related_type ?? null,
  };
}

export interface MessageThread<M extends ThreadMessage> {
  /** The first Message of the conversation (no `previous_uri`, or one this Client cannot see). */
  readonly rootId: string;
  /** Every Message of the conversation, oldest first. */
  readonly messages: M[];
  /** `modified` of the newest Message: threads sort by it, newest first (§6.8 ordering). */
  readonly lastModified: string;
}

/**
 * Groups Messages into conversations by following `previous_uri` up to the root. A reply to a
 * Message not in the list starts its own thread; a cycle (a malformed Server) is cut where it closes.
 */
export function buildThreads<M extends ThreadMessage>(messages: readonly M[]): MessageThread<M>[] {
  const byUri = new Map(messages.map((message) => [message.uri, message]));
  const rootOf = new Map<string, string>();
  const findRoot = (message: M): string => {
    const known = rootOf.get(message.message_id);
    if (known) return known;
    const seen = new Set<string>([message.message_id]);
    let root = message.message_id;
    let current = message;
    for (;;) {
      const parent = current.previous_uri === null ? undefined : byUri.get(current.previous_uri);
      if (!parent || seen.has(parent.message_id)) break;
      const parentRoot = rootOf.get(parent.message_id);
      if (parentRoot) {
        root = parentRoot;
        break;
      }
      seen.add(parent.message_id);
      root = parent.message_id;
      current = parent;
    }
    for (const id of seen) rootOf.set(id, root);
    return root;
  };
  const threads = new Map<string, M[]>();
  for (const message of messages) {
    const root = findRoot(message);
    const list = threads.get(root) ?? [];
    list.push(message);
    threads.set(root, list);
  }
  // Datetimes often have whole seconds only: at equal `created`, a reply comes after what it answers.
  const depthOf = (message: M): number => {
    let depth = 0;
    let current: M | undefined = message;
    const seen = new Set<string>();
    while (current && current.previous_uri !== null && !seen.has(current.message_id)) {
      seen.add(current.message_id);
      current = byUri.get(current.previous_uri);
      if (current) depth += 1;
    }
    return depth;
  };
  const depth = new Map(messages.map((message) => [message.message_id, depthOf(message)]));
  return [...threads.entries()]
    .map(([rootId, list]) => {
      list.sort(
        (a, b) =>
          a.created.localeCompare(b.created) ||
          (depth.get(a.message_id) ?? 0) - (depth.get(b.message_id) ?? 0) ||
          byCreated(a, b),
      );
      const lastModified = list.reduce((max, m) => (m.modified > max ? m.modified : max), '');
      return { rootId, messages: list, lastModified };
    })
    .sort((a, b) => b.lastModified.localeCompare(a.lastModified) || a.rootId.localeCompare(b.rootId));
}

/** The conversation a Message belongs to, oldest first. */
export function threadOf<M extends ThreadMessage>(
  messages: readonly M[],
  messageId: string,
): MessageThread<M> | undefined {
  return buildThreads(messages).find((thread) => thread.messages.some((m) => m.message_id === messageId));
}
