import type { ReactNode } from 'react';
import {
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
  FieldError,
  Input,
  Label,
  Text,
} from 'react-aria-components';

export interface TextFieldProps extends Omit<AriaTextFieldProps, 'className' | 'children'> {
  readonly label: string;
  readonly description?: ReactNode;
  readonly placeholder?: string;
  /** An error to show now (e.g. from live validation), linked to the input for screen readers. */
  readonly errorMessage?: string | null;
  readonly inputClassName?: string;
}

/** A labelled text input with help text and an error wired up through aria-describedby. */
export function TextField({
  label,
  description,
  placeholder,
  errorMessage,
  inputClassName,
  ...props
}: TextFieldProps) {
  const isInvalid = Boolean(errorMessage) || props.isInvalid;
  return (
    <AriaTextField {...props} isInvalid={isInvalid} className="text-field">
      <Label className="text-field__label">{label}</Label>
      <Input
        className={['text-field__input', inputClassName].filter(Boolean).join(' ')}
        placeholder={placeholder}
      />
      {description ? (
        <Text slot="description" className="text-field__description">
          {description}
        </Text>
      ) : null}
      <FieldError className="text-field__error">{errorMessage ?? undefined}</FieldError>
    </AriaTextField>
  );
}
