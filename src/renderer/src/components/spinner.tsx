import { ProgressBar } from 'react-aria-components';

/** An indeterminate progress indicator, announced to assistive technology by its label. */
export function Spinner({
  label,
  size = 'md',
}: {
  readonly label: string;
  readonly size?: 'sm' | 'md' | 'lg';
}) {
  return (
    <ProgressBar isIndeterminate aria-label={label} className={`spinner spinner--${size}`}>
      <span className="spinner__ring" aria-hidden="true" />
    </ProgressBar>
  );
}
