import { useEffect, useRef } from 'react';
import type { AttachmentView, MessageView } from '../../../../shared/ipc/messages-contract';
import { Button } from '../../components/button';
import { DateTime } from '../../components/date-time';
import { ExternalLink } from '../../components/external-link';
import { MessageAttachments } from './message-attachments';
import { MessageDetails } from './message-details';
import { appLinkOf, fieldLinksOf, type MessageAppLink, webActionOf } from './message-links';
import { MessageStatusChip } from './message-status-chip';
import { messageStatusPresentation, messageTypeLabel, senderLabel, subjectOf } from './message-wording';

export interface ThreadMessageProps {
  readonly message: MessageView;
  readonly serverName: string;
  readonly isCurrent: boolean;
  readonly onSaveAttachment: (message: MessageView, attachment: AttachmentView) => Promise<void>;
  /** Set for a server_request a person can still answer (§6.9 client_submission). */
  readonly onAnswer?: ((message: MessageView) => void) | undefined;
  readonly availableSections: readonly string[];
  readonly onOpenSection: (link: MessageAppLink) => void;
}

/** One Message of a conversation: who, when, what it is and where it stands, its text and attachments. */
export function ThreadMessage({
  message,
  serverName,
  isCurrent,
  onSaveAttachment,
  onAnswer,
  availableSections,
  onOpenSection,
}: ThreadMessageProps) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    // scrollIntoView is missing in jsdom; browsers all have it.
    if (isCurrent) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [isCurrent]);

  if (message.type === 'request_update') {
    // §6.2: a request_update only changes the status of the Message it answers.
    const { label } = messageStatusPresentation(message.status);
    return (
      <li className="thread-update" data-message-id={message.messageId} aria-current={isCurrent || undefined}>
        <article ref={ref} aria-label={`Status update: ${label}`}>
          <p className="thread-update__line">
            <span className="thread-update__dot" aria-hidden="true" />
            <strong>{serverName}</strong> set the status to <strong>{label}</strong> ·{' '}
            <DateTime value={message.created} />
          </p>
          {message.description ? <p className="thread-update__text">{message.description}</p> : null}
          <MessageLinks
            message={message}
            availableSections={availableSections}
            onOpenSection={onOpenSection}
          />
          <MessageAttachments message={message} onSave={onSaveAttachment} />
        </article>
      </li>
    );
  }

  const subject = subjectOf(message);
  return (
    <li
      className={`thread-message${message.fromServer ? '' : ' thread-message--own'}${isCurrent ? ' thread-message--current' : ''}`}
      data-message-id={message.messageId}
      aria-current={isCurrent || undefined}
    >
      <article ref={ref} aria-label={`${senderLabel(message, serverName)}: ${subject}`}>
        <header className="thread-message__header">
          <span className="thread-message__from">
            <strong>{senderLabel(message, serverName)}</strong>
            <span className="thread-message__type">{messageTypeLabel(message.type)}</span>
          </span>
          <span className="thread-message__meta">
            <MessageStatusChip message={message} />
            <DateTime value={message.created} />
          </span>
        </header>
        <h3 className="thread-message__subject">{subject}</h3>
        {message.description ? <p className="thread-message__text">{message.description}</p> : null}
        <MessageDetails message={message} />
        <MessageLinks message={message} availableSections={availableSections} onOpenSection={onOpenSection} />
        <MessageAttachments message={message} onSave={onSaveAttachment} />
        {onAnswer ? (
          <div className="thread-message__actions">
            <Button variant="primary" size="sm" onPress={() => onAnswer(message)}>
              {message.effectiveStatus === 'open' ? 'Answer this request' : 'Send a new answer'}
            </Button>
          </div>
        ) : null}
      </article>
    </li>
  );
}

function MessageLinks({
  message,
  availableSections,
  onOpenSection,
}: {
  readonly message: MessageView;
  readonly availableSections: readonly string[];
  readonly onOpenSection: (link: MessageAppLink) => void;
}) {
  const web = webActionOf(message);
  const linked = appLinkOf(message);
  const app = linked && availableSections.includes(linked.section) ? linked : null;
  const fields = fieldLinksOf(message);
  if (!web && !app && fields.length === 0) return null;
  return (
    <div className="thread-message__links">
      {web ? (
        <ExternalLink href={web.href} className={`link-button${web.primary ? ' link-button--primary' : ''}`}>
          {web.label}
        </ExternalLink>
      ) : null}
      {fields.map((field) => (
        <ExternalLink key={field.href} href={field.href} className="link-button">
          {`Complete “${field.field}” online`}
        </ExternalLink>
      ))}
      {app ? (
        <Button variant="quiet" size="sm" onPress={() => onOpenSection(app)}>
          {app.label}
        </Button>
      ) : null}
    </div>
  );
}
