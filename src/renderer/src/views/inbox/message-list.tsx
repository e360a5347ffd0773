import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { MessageView } from '../../../../shared/ipc/messages-contract';
import { MessageRow } from './message-row';
import { assignRowKeys, noRowKeys, type RowKeys } from './row-keys';
import { rangeExtractorFor } from './scroll-overscan';

/** Every row is this tall (CSS `.message-row` matches it), so the virtualiser never has to measure. */
export const messageRowHeight = 84;

export interface MessageListProps {
  readonly label: string;
  readonly messages: readonly MessageView[];
  readonly selectedId: string | null;
  readonly onSelect: (message: MessageView) => void;
  readonly threadSizeOf: (message: MessageView) => number;
  readonly serverName: string;
  readonly timeZone: string | null;
}

/**
 * The Message list: a listbox that keeps keyboard focus itself and points at the active option with
 * aria-activedescendant, so only the rows in view exist in the DOM (@tanstack/react-virtual) and a
 * 10,000-Message Inbox scrolls at full frame rate. Arrow keys, Home/End and Page Up/Down move the
 * selection, which opens the Message beside the list (selection follows focus, as in mail apps).
 */
export function MessageList({
  label,
  messages,
  selectedId,
  onSelect,
  threadSizeOf,
  serverName,
  timeZone,
}: MessageListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const renderedKeys = useRef<RowKeys>(noRowKeys);
  const baseId = useId();
  const selectedIndex = useMemo(
    () => (selectedId === null ? -1 : messages.findIndex((message) => message.messageId === selectedId)),
    [messages, selectedId],
  );
  const [activeIndex, setActiveIndex] = useState(Math.max(selectedIndex, 0));
  const [now] = useState(() => new Date());
  const active = Math.min(selectedIndex >= 0 ? selectedIndex : activeIndex, Math.max(messages.length - 1, 0));

  // The virtualiser is one object for the list's life: its scroll state from the last scroll event
  // picks the rows to render in this one.
  const instance = useRef<Virtualizer<HTMLDivElement, Element> | null>(null);
  const scrolling = instance.current?.isScrolling ? instance.current.scrollDirection : null;
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => messageRowHeight,
    rangeExtractor: rangeExtractorFor(scrolling),
    initialRect: { width: 480, height: 640 },
  });
  instance.current = virtualizer;

  useEffect(() => {
    if (selectedIndex >= 0) setActiveIndex(selectedIndex);
  }, [selectedIndex]);

  const pick = useCallback(
    (index: number) => {
      const message = messages[index];
      if (!message) return;
      setActiveIndex(index);
      onSelect(message);
    },
    [messages, onSelect],
  );

  const moveTo = (index: number) => {
    if (messages.length === 0) return;
    const next = Math.max(0, Math.min(messages.length - 1, index));
    virtualizer.scrollToIndex(next, { align: 'auto' });
    pick(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Read here, not while rendering: a layout read in render would force layout in every scroll frame.
    const pageSize = Math.max(1, Math.floor(event.currentTarget.clientHeight / messageRowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      Home: 0,
      End: messages.length - 1,
      PageDown: active + pageSize,
      PageUp: active - pageSize,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
      return;
    }
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pick(active);
    }
  };

  const optionId = (index: number) => `${baseId}-option-${index}`;
  const items = virtualizer.getVirtualItems();
  const activeRendered = items.some((item) => item.index === active);
  const rowKeys = assignRowKeys(
    renderedKeys.current,
    items.map((item) => item.index),
  );
  // Remembered once committed: a render React throws away must not change which rows own which keys.
  useLayoutEffect(() => {
    renderedKeys.current = rowKeys;
  });

  return (
    <div
      ref={scrollRef}
      className="message-list"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={messages.length > 0 && activeRendered ? optionId(active) : undefined}
      onKeyDown={onKeyDown}
    >
      <div className="message-list__canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const message = messages[item.index] as MessageView;
          return (
            <MessageRow
              key={rowKeys.byIndex.get(item.index)}
              id={optionId(item.index)}
              index={item.index}
              message={message}
              position={item.index + 1}
              total={messages.length}
              isSelected={message.messageId === selectedId}
              isActive={item.index === active}
              threadSize={threadSizeOf(message)}
              serverName={serverName}
              timeZone={timeZone}
              now={now}
              onPick={pick}
              start={item.start}
              height={messageRowHeight}
            />
          );
        })}
      </div>
    </div>
  );
}
