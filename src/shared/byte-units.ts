// Byte counts in binary units (1 KB = 1024 bytes), for sizes a person reads: the CLI's progress bar
// and the messages about attachments. Each caller chooses its own digits and its word for bytes.

export interface ScaledBytes {
  readonly value: number;
  readonly unit: 'KB' | 'MB' | 'GB' | 'TB';
}

/** The count in the largest unit it reaches (up to TB); null below 1 KB. */
export function scaleBytes(bytes: number): ScaledBytes | null {
  if (bytes < 1024) return null;
  const units = ['KB', 'MB', 'GB', 'TB'] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return { value, unit: units[unit] ?? 'TB' };
}
