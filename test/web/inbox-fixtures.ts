import type { MessageView } from '../../src/shared/ipc/messages-contract';

/** A Message view model as messages.list returns it, for the Inbox's jsdom tests. */
export function message(id: string, extra: Partial<MessageView> = {}): MessageView {
  return {
    serverId: 'srv-1',
    messageId: id,
    uri: `https://utility.example/cds-api/v1/messages/${id}`,
    previousUri: null,
    type: 'private_message',
    read: false,
    creator: null,
    fromServer: true,
    created: '2025-03-01T10:00:00Z',
    modified: '2025-03-01T10:00:00Z',
    status: 'complete',
    effectiveStatus: 'complete',
    updatedBy: null,
    name: `Subject ${id}`,
    description: `Body of ${id}`,
    relatedUri: null,
    relatedType: null,
    amount: null,
    currency: null,
    outstanding: false,
    threadId: id,
    attachments: [],
    object: {},
    ...extra,
  };
}
