/**
 * React keys for the rows a virtualised list renders, chosen so that React never moves a DOM node:
 *
 * - a step (the new rows overlap the old ones: reading, arrow keys) keeps every staying row's key and
 *   gives new rows new keys, so React only adds rows at one end and removes them at the other;
 * - a jump (no row stays: a fling, End, a click on the scroll bar) hands the old rows' keys to the new
 *   rows in order, so React patches the existing row nodes' text and attributes instead of removing
 *   them and building new ones (bench: inbox-scroll, "whole list in 10 s").
 *
 * Both keep the DOM order of the rows their visual order, which a screen reader's reading order needs.
 */
export interface RowKeys {
  /** The key of each rendered row, by the row's index in the list. */
  readonly byIndex: ReadonlyMap<number, number>;
  /** The next key never used. */
  readonly next: number;
}

export const noRowKeys: RowKeys = { byIndex: new Map(), next: 0 };

/** The keys of `indexes` (ascending, as the virtualiser lists them) after the rows of `previous`. */
export function assignRowKeys(previous: RowKeys, indexes: readonly number[]): RowKeys {
  const byIndex = new Map<number, number>();
  let next = previous.next;
  const isStep = indexes.some((index) => previous.byIndex.has(index));
  if (isStep) {
    for (const index of indexes) byIndex.set(index, previous.byIndex.get(index) ?? next++);
    return { byIndex, next };
  }
  const reusable = [...previous.byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, key]) => key);
  indexes.forEach((index, position) => {
    byIndex.set(index, reusable[position] ?? next++);
  });
  return { byIndex, next };
}
