import { type CSSProperties, memo } from 'react';
import type { MessageView } from '../../../../shared/ipc/messages-contract';
import { PaperclipIcon } from '../../components/icons';
import { compactDate, serverZoneTitle } from './compact-date';
import { previewOf } from './inbox-model';
import { MessageStatusChip } from './message-status-chip';
import { messageTypeLabel, senderLabel, subjectOf } from './message-wording';

export interface MessageRowProps {
  readonly id: string;
  readonly message: MessageView;
  readonly position: number;
  readonly total: number;
  readonly isSelected: boolean;
  readonly isActive: boolean;
  readonly threadSize: number;
  readonly serverName: string;
  readonly timeZone: string | null;
  readonly now: Date;
  readonly style: CSSProperties;
  readonly onPick: (index: number) => void;
  readonly index: number;
}

/**
 * One Message in the list: an ARIA option (the list keeps focus and points at it with
 * aria-activedescendant). Memoised and without react-aria hooks, so scrolling 10,000 rows stays cheap.
 */
export const MessageRow = memo(function MessageRow({
  id,
  message,
  position,
  total,
  isSelected,
  isActive,
  threadSize,
  serverName,
  timeZone,
  now,
  style,
  onPick,
  index,
}: MessageRowProps) {
  const date = new Date(message.modified);
  const validDate = !Number.isNaN(date.getTime());
  const unread = !message.read;
  const classes = ['message-row'];
  if (unread) classes.push('message-row--unread');
  if (isSelected) classes.push('message-row--selected');
  if (isActive) classes.push('message-row--active');
  const preview = previewOf(message.description);
  return (
    // biome-ignore lint/a11y/useFocusableInteractive: the listbox holds focus (aria-activedescendant).
    // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keys for every option.
    <div
      id={id}
      role="option"
      aria-selected={isSelected}
      aria-posinset={position}
      aria-setsize={total}
      className={classes.join(' ')}
      style={style}
      data-message-id={message.messageId}
      onClick={() => onPick(index)}
    >
      <span className="message-row__mark" aria-hidden="true" />
      <span className="message-row__body">
        <span className="message-row__top">
          <span className="message-row__from">
            {senderLabel(message, serverName)} · {messageTypeLabel(message.type)}
          </span>
          {validDate ? (
            <time
              className="message-row__date"
              dateTime={message.modified}
              title={serverZoneTitle(date, message.modified, timeZone)}
            >
              {compactDate(date, now)}
            </time>
          ) : null}
        </span>
        <span className="message-row__subject">
          {unread ? <span className="visually-hidden">Unread: </span> : null}
          <span className="message-row__subject-text">{subjectOf(message)}</span>
          {threadSize > 1 ? (
            <span className="message-row__thread" title={`${threadSize} Messages in this conversation`}>
              {threadSize}
              <span className="visually-hidden"> in conversation</span>
            </span>
          ) : null}
          {message.attachments.length > 0 ? (
            <span className="message-row__clip" title={`${message.attachments.length} attached`}>
              <PaperclipIcon size={14} />
              <span className="visually-hidden">, with attachments</span>
            </span>
          ) : null}
        </span>
        <span className="message-row__bottom">
          <span className="message-row__preview">{preview}</span>
          <MessageStatusChip message={message} />
        </span>
      </span>
    </div>
  );
});
