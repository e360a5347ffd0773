import type { MessageView } from '../../../../shared/ipc/messages-contract';
import { compactDate, serverZoneTitle } from './compact-date';
import { previewOf } from './inbox-model';

/** What a list row shows of a Message that takes formatting: worked out once per Message. */
export interface MessageRowText {
  /** "14:05", "12 Mar", "12 Mar 2024"; null when `modified` is not a date. */
  readonly date: string | null;
  /** The date in the Server's time zone (the hover text). */
  readonly dateTitle: string;
  readonly preview: string;
}

interface Cached {
  readonly now: Date;
  readonly timeZone: string | null;
  readonly text: MessageRowText;
}

// Listings are immutable (a change loads a new listing), so a Message object's text never goes stale:
// a row that re-renders (selection, keyboard position) or scrolls back into view formats nothing.
const cache = new WeakMap<MessageView, Cached>();

export function messageRowText(message: MessageView, now: Date, timeZone: string | null): MessageRowText {
  const cached = cache.get(message);
  if (cached && cached.now === now && cached.timeZone === timeZone) return cached.text;
  const date = new Date(message.modified);
  const validDate = !Number.isNaN(date.getTime());
  const text: MessageRowText = {
    date: validDate ? compactDate(date, now) : null,
    dateTitle: validDate ? serverZoneTitle(date, message.modified, timeZone) : message.modified,
    preview: previewOf(message.description),
  };
  cache.set(message, { now, timeZone, text });
  return text;
}
