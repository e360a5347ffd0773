// Plain-text output for people: aligned columns, no colours (the output may be a pipe).

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '(none)';
  const widths = headers.map((header, index) =>
    Math.max(header.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => (index === cells.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

export function fields(
  pairs: readonly (readonly [string, string | number | boolean | null | undefined])[],
): string {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs
    .filter(([, value]) => value !== undefined)
    .map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value === null ? '-' : String(value)}`)
    .join('\n');
}

export const when = (iso: string | null): string =>
  iso === null ? 'never' : iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
