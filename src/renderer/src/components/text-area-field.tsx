import type { ReactNode } from 'react';
import {
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
  FieldError,
  Label,
  Text,
  TextArea,
} from 'react-aria-components';

export interface TextAreaFieldProps extends Omit<AriaTextFieldProps, 'className' | 'children'> {
  readonly label: string;
  readonly description?: ReactNode;
  readonly placeholder?: string;
  readonly errorMessage?: string | null;
  readonly rows?: number;
  readonly monospace?: boolean;
}

/** A labelled multi-line text input, with help text and an error wired up like TextField. */
export function TextAreaField({
  label,
  description,
  placeholder,
  errorMessage,
  rows = 6,
  monospace = false,
  ...props
}: TextAreaFieldProps) {
  const isInvalid = Boolean(errorMessage) || props.isInvalid;
  return (
    <AriaTextField {...props} isInvalid={isInvalid} className="text-field">
      <Label className="text-field__label">{label}</Label>
      <TextArea
        className={`text-field__input text-area${monospace ? ' mono' : ''}`}
        placeholder={placeholder}
        rows={rows}
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
