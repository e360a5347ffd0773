import type { ReactNode } from 'react';
import {
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
  Input,
} from 'react-aria-components';
import { FieldFrame } from './field-frame';

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
      <FieldFrame label={label} description={description} errorMessage={errorMessage}>
        <Input
          className={['text-field__input', inputClassName].filter(Boolean).join(' ')}
          placeholder={placeholder}
        />
      </FieldFrame>
    </AriaTextField>
  );
}
