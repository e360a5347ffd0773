import type { ReactNode } from 'react';
import { FieldError, Label, Text } from 'react-aria-components';

/**
 * What every labelled field shows around its control: the label, then the control, the help text
 * and the error. Rendered inside a react-aria field (TextField, RadioGroup), which links the label,
 * the help text (slot "description") and the error to the control for screen readers.
 */
export function FieldFrame({
  label,
  description,
  errorMessage,
  children,
}: {
  readonly label: string;
  readonly description?: ReactNode;
  readonly errorMessage?: string | null;
  readonly children: ReactNode;
}) {
  return (
    <>
      <Label className="text-field__label">{label}</Label>
      {children}
      {description ? (
        <Text slot="description" className="text-field__description">
          {description}
        </Text>
      ) : null}
      <FieldError className="text-field__error">{errorMessage ?? undefined}</FieldError>
    </>
  );
}
