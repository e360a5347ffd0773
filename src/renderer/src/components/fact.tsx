import type { ReactNode } from 'react';

/** One term and its value in a `<dl className="facts">`; `className` styles the value (e.g. `mono`). */
export function Fact({
  term,
  className,
  children,
}: {
  readonly term: string;
  readonly className?: string;
  readonly children: ReactNode;
}) {
  return (
    <div className="facts__row">
      <dt>{term}</dt>
      <dd className={className}>{children}</dd>
    </div>
  );
}
