import type { ReactNode } from 'react';
import { Checkbox as AriaCheckbox, type CheckboxProps as AriaCheckboxProps } from 'react-aria-components';

/** A checkbox with its label and an optional line of help; react-aria handles keyboard and focus. */
export function Checkbox({
  children,
  description,
  ...props
}: Omit<AriaCheckboxProps, 'className' | 'children'> & {
  readonly children: ReactNode;
  readonly description?: ReactNode;
}) {
  return (
    <AriaCheckbox {...props} className="checkbox">
      {({ isSelected, isIndeterminate }) => (
        <>
          <span className="checkbox__box" aria-hidden="true">
            {isIndeterminate ? (
              <svg viewBox="0 0 16 16" width="12" height="12" focusable="false" aria-hidden="true">
                <path d="M3.5 8h9" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
              </svg>
            ) : isSelected ? (
              <svg viewBox="0 0 16 16" width="12" height="12" focusable="false" aria-hidden="true">
                <path
                  d="m3.2 8.4 3 3 6.6-7"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2.2"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                />
              </svg>
            ) : null}
          </span>
          <span className="checkbox__text">
            <span className="checkbox__label">{children}</span>
            {description ? <span className="checkbox__description">{description}</span> : null}
          </span>
        </>
      )}
    </AriaCheckbox>
  );
}
