import { memo } from 'react';
import type { MessageView } from '../../../../shared/ipc/messages-contract';
import { PaperclipIcon } from '../../components/icons';
import { messageRowText } from './message-row-text';
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
  /** The row's top in the list (px): rows are placed with a transform, which needs no layout. */
  readonly start: number;
  readonly height: number;
  readonly onPick: (index: number) => void;
  readonly index: number;
}

/**
 * One Message in the list: an ARIA option (the list keeps focus and points at it with
 * aria-activedescendant). Memoised on plain values (no style object, no closures made per render) and
 * without react-aria hooks, so a scroll frame renders only the rows that changed.
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
  start,
  height,
  onPick,
  index,
}: MessageRowProps) {
  const text = messageRowText(message, now, timeZone);
  const unread = !message.read;
  const classes = ['message-row'];
  if (unread) classes.push('message-row--unread');
  if (isSelected) classes.push('message-row--selected');
  if (isActive) classes.push('message-row--active');
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
      style={{ transform: `translateY(${start}px)`, height }}
      data-message-id={message.messageId}
      onClick={() => onPick(index)}
    >
      {/* The unread dot names itself, so the option's name starts with "Unread" without the positioned,
          clipped element a visually hidden label needs in every row (paint cost in each scroll frame). */}
      {unread ? (
        <span className="message-row__mark" role="img" aria-label="Unread" />
      ) : (
        <span className="message-row__mark" aria-hidden="true" />
      )}
      <span className="message-row__body">
        <span className="message-row__top">
          <span className="message-row__from">
            {`${senderLabel(message, serverName)} · ${messageTypeLabel(message.type)}`}
          </span>
          {text.date === null ? null : (
            <time className="message-row__date" dateTime={message.modified} title={text.dateTitle}>
              {text.date}
            </time>
          )}
        </span>
        <span className="message-row__subject">
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
          <span className="message-row__preview">{text.preview}</span>
          <MessageStatusChip message={message} />
        </span>
      </span>
    </div>
  );
});
