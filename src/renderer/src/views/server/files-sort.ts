import type { ServerFileView } from '../../../../shared/ipc/files-contract';
import type { TableSort } from '../../components/virtual-table';

// The Files table's sort orders (cds-wg1-02 §9.1 fields); ties fall back to the file id so the
// order never jumps between reloads.

const sorters: Readonly<Record<string, (file: ServerFileView) => string | number>> = {
  name: (file) => file.safeName.toLowerCase(),
  size: (file) => file.size,
  grant: (file) => file.grantId,
  modified: (file) => file.modified,
};

export function sortFiles(files: readonly ServerFileView[], sort: TableSort): ServerFileView[] {
  const value = sorters[sort.column] ?? sorters.modified;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...files].sort((a, b) => {
    const left = value?.(a) ?? '';
    const right = value?.(b) ?? '';
    const order =
      typeof left === 'number' && typeof right === 'number'
        ? left - right
        : String(left).localeCompare(String(right));
    return sign * order || a.fileId.localeCompare(b.fileId);
  });
}
