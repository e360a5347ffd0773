import { describe, expect, it } from 'vitest';
import { compactDate } from '../../src/renderer/src/views/inbox/compact-date';
import { messageRowText } from '../../src/renderer/src/views/inbox/message-row-text';
import { assignRowKeys, noRowKeys, type RowKeys } from '../../src/renderer/src/views/inbox/row-keys';
import { overscanRows, rangeExtractorFor } from '../../src/renderer/src/views/inbox/scroll-overscan';
import { message } from './inbox-fixtures';

const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);
const keysOf = (keys: RowKeys) => [...keys.byIndex.entries()];

describe('row keys of the virtualised Message list', () => {
  it('gives the first rows new keys', () => {
    const keys = assignRowKeys(noRowKeys, range(0, 3));
    expect(keysOf(keys)).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(keys.next).toBe(4);
  });

  it('keeps the keys of the rows that stay on a step, and gives the rows coming into view new ones', () => {
    const first = assignRowKeys(noRowKeys, range(0, 3));
    const down = assignRowKeys(first, range(1, 4));
    expect(keysOf(down)).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
    const up = assignRowKeys(down, range(0, 3));
    expect(keysOf(up)).toEqual([
      [0, 5],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    // In index order the keys of the staying rows keep their order: React moves no node.
    expect(up.next).toBe(6);
  });

  it('hands the old keys to the new rows in order on a jump, and adds keys when more rows show', () => {
    const first = assignRowKeys(noRowKeys, range(0, 3));
    const jump = assignRowKeys(first, range(500, 504));
    expect(keysOf(jump)).toEqual([
      [500, 0],
      [501, 1],
      [502, 2],
      [503, 3],
      [504, 4],
    ]);
    const back = assignRowKeys(jump, range(10, 12));
    expect(keysOf(back)).toEqual([
      [10, 0],
      [11, 1],
      [12, 2],
    ]);
    expect(back.next).toBe(5);
  });
});

describe('overscan of the virtualised Message list', () => {
  const visible = { startIndex: 10, endIndex: 15, overscan: overscanRows, count: 100 };

  it('renders rows on both sides while the list stands still', () => {
    expect(rangeExtractorFor(null)(visible)).toEqual(range(8, 17));
  });

  it('renders the overscan ahead of the scroll and one row behind it', () => {
    expect(rangeExtractorFor('forward')(visible)).toEqual(range(9, 17));
    expect(rangeExtractorFor('backward')(visible)).toEqual(range(8, 16));
  });

  it('stays inside the list', () => {
    expect(rangeExtractorFor(null)({ startIndex: 0, endIndex: 3, overscan: 2, count: 4 })).toEqual(
      range(0, 3),
    );
    expect(rangeExtractorFor(null)({ startIndex: 0, endIndex: -1, overscan: 2, count: 0 })).toEqual([]);
  });

  it('is one function per direction, so the virtualiser recomputes its rows only when it changes', () => {
    expect(rangeExtractorFor('forward')).toBe(rangeExtractorFor('forward'));
    expect(rangeExtractorFor(null)).not.toBe(rangeExtractorFor('forward'));
  });
});

describe('row text of a Message', () => {
  const now = new Date('2025-03-01T12:00:00Z');

  it('formats the date, its hover text in the Server zone and the preview once per Message', () => {
    const item = message('m1', { modified: '2025-02-10T08:30:00Z', description: 'Line one\n\n  line two' });
    const text = messageRowText(item, now, 'America/Chicago');
    expect(text.date).toBe(compactDate(new Date('2025-02-10T08:30:00Z'), now));
    expect(text.dateTitle).toContain('America/Chicago');
    expect(text.preview).toBe('Line one line two');
    expect(messageRowText(item, now, 'America/Chicago')).toBe(text);
    // Another clock or zone (a new list, another Server) formats again.
    expect(messageRowText(item, now, null)).not.toBe(text);
    expect(messageRowText(item, now, null).dateTitle).toBe('2025-02-10T08:30:00Z');
  });

  it('shows no date for a `modified` that is not a date', () => {
    const text = messageRowText(message('m2', { modified: 'not a date' }), now, null);
    expect(text.date).toBeNull();
    expect(text.dateTitle).toBe('not a date');
  });
});
