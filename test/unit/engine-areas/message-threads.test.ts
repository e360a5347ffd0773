import { describe, expect, it } from 'vitest';
import {
  buildThreads,
  effectiveStatus,
  requestUpdatesByTarget,
  type ThreadMessage,
  threadOf,
} from '../../../src/main/cds/message-threads';

const base = 'https://utility.example/cds-api/v1/messages/';
let clock = 0;
function message(id: string, fields: Partial<ThreadMessage> = {}): ThreadMessage {
  clock += 1;
  const at = new Date(Date.UTC(2025, 0, 1, 0, 0, clock)).toISOString();
  return {
    message_id: id,
    uri: `${base}${id}`,
    previous_uri: null,
    type: 'private_message',
    status: 'complete',
    created: at,
    modified: at,
    ...fields,
  };
}

describe('effective status (cds-wg1-02 §6.2)', () => {
  it('is the newest request_update’s status, else the message’s own', () => {
    const request = message('r', { type: 'grant_request', status: 'pending' });
    const pending = message('u1', { type: 'request_update', status: 'pending', previous_uri: request.uri });
    const done = message('u2', {
      type: 'request_update',
      status: 'complete',
      previous_uri: request.uri,
      related_uri: 'https://utility.example/cds-api/v1/grants?grant_ids=g1',
      related_type: 'grant_list',
    });
    const other = message('x', { type: 'support_request', status: 'pending' });
    // Listed newest first, as the Server does (§6.8): order must not matter.
    const updates = requestUpdatesByTarget([done, other, pending, request]);
    expect(effectiveStatus(request, updates)).toEqual({
      status: 'complete',
      updatedBy: 'u2',
      relatedUri: 'https://utility.example/cds-api/v1/grants?grant_ids=g1',
      relatedType: 'grant_list',
    });
    expect(effectiveStatus(other, updates)).toMatchObject({ status: 'pending', updatedBy: null });
  });

  it('lets a later rejection override an earlier approval', () => {
    const request = message('p', { type: 'production_request', status: 'pending' });
    const first = message('a', { type: 'request_update', status: 'complete', previous_uri: request.uri });
    const later = message('b', { type: 'request_update', status: 'rejected', previous_uri: request.uri });
    expect(effectiveStatus(request, requestUpdatesByTarget([first, later, request])).status).toBe('rejected');
  });
});

describe('threads from previous_uri', () => {
  it('groups replies under their root, oldest first, newest thread first', () => {
    const root = message('root', { type: 'support_request', status: 'pending' });
    const reply = message('reply', { previous_uri: root.uri });
    const replyToReply = message('reply2', { previous_uri: reply.uri });
    const lone = message('lone', { type: 'notification' });
    const threads = buildThreads([lone, replyToReply, root, reply]);
    expect(threads.map((thread) => thread.rootId)).toEqual(['lone', 'root']);
    expect(threads[1]?.messages.map((m) => m.message_id)).toEqual(['root', 'reply', 'reply2']);
    expect(threadOf([lone, replyToReply, root, reply], 'reply2')?.rootId).toBe('root');
  });

  it('starts a thread at a reply whose parent is not visible, and survives cycles', () => {
    const orphan = message('orphan', { previous_uri: `${base}gone` });
    const a = message('a');
    const b = message('b', { previous_uri: `${base}a` });
    const cyclicA = { ...a, previous_uri: b.uri };
    const threads = buildThreads([orphan, cyclicA, b]);
    expect(threads).toHaveLength(2);
    const cycle = threads.find((thread) => thread.messages.length === 2);
    expect(cycle?.messages.map((m) => m.message_id).sort()).toEqual(['a', 'b']);
  });
});
