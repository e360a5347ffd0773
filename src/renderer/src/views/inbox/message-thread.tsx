import type { AttachmentView, MessageView } from '../../../../shared/ipc/messages-contract';
import { Button } from '../../components/button';
import { ReplyIcon } from '../../components/icons';
import type { MessageAppLink } from './message-links';
import { MessageStatusChip } from './message-status-chip';
import { messageTypeLabel, subjectOf } from './message-wording';
import { ThreadMessage } from './thread-message';

export interface MessageThreadProps {
  readonly message: MessageView;
  /** The conversation, oldest first (rebuilt from `previous_uri`, cds-wg1-02 §6.1). */
  readonly thread: readonly MessageView[];
  readonly serverName: string;
  readonly isMarking: boolean;
  readonly onToggleRead: (message: MessageView) => void;
  readonly onReply: (message: MessageView) => void;
  readonly onAnswer: (request: MessageView) => void;
  readonly onSaveAttachment: (message: MessageView, attachment: AttachmentView) => Promise<void>;
  readonly availableSections: readonly string[];
  readonly onOpenSection: (link: MessageAppLink) => void;
}

/** §6.9: a server_request is answered while open; while pending a new answer supersedes the last (§6.11). */
const isAnswerable = (message: MessageView): boolean =>
  message.type === 'server_request' &&
  (message.effectiveStatus === 'open' || message.effectiveStatus === 'pending');

/**
 * The open Message with its whole conversation: the subject and where it stands, Mark as read or
 * unread, Reply, and every Message of the thread with its details, links and attachments.
 */
export function MessageThread({
  message,
  thread,
  serverName,
  isMarking,
  onToggleRead,
  onReply,
  onAnswer,
  onSaveAttachment,
  availableSections,
  onOpenSection,
}: MessageThreadProps) {
  const root = thread.find((item) => item.messageId === message.threadId) ?? thread[0] ?? message;
  const headingId = `thread-${message.messageId}`;
  return (
    <section className="message-thread" aria-labelledby={headingId}>
      <header className="message-thread__header">
        <div className="message-thread__title-block">
          <p className="message-thread__kind">
            {messageTypeLabel(root.type)}
            {thread.length > 1 ? ` · ${thread.length} in this conversation` : ''}
          </p>
          <h2 className="message-thread__title" id={headingId}>
            {subjectOf(root)}
          </h2>
          <MessageStatusChip message={root} />
        </div>
        <div className="message-thread__actions">
          <Button variant="secondary" size="sm" isPending={isMarking} onPress={() => onToggleRead(message)}>
            {message.read ? 'Mark as unread' : 'Mark as read'}
          </Button>
          <Button variant="primary" size="sm" onPress={() => onReply(message)}>
            <ReplyIcon size={16} />
            Reply
          </Button>
        </div>
      </header>
      <ol className="message-thread__messages stack-list" aria-label="Conversation">
        {thread.map((item) => (
          <ThreadMessage
            key={item.messageId}
            message={item}
            serverName={serverName}
            isCurrent={item.messageId === message.messageId}
            onSaveAttachment={onSaveAttachment}
            onAnswer={isAnswerable(item) ? onAnswer : undefined}
            availableSections={availableSections}
            onOpenSection={onOpenSection}
          />
        ))}
      </ol>
    </section>
  );
}
