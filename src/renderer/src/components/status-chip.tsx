export type StatusTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/**
 * A short status label. The tone is carried by a shape as well as a colour, so it reads without
 * colour vision and in high-contrast modes.
 */
export function StatusChip({ tone, children }: { readonly tone: StatusTone; readonly children: string }) {
  return (
    <span className={`status-chip status-chip--${tone}`} data-tone={tone}>
      <span className="status-chip__mark" aria-hidden="true" />
      {children}
    </span>
  );
}
