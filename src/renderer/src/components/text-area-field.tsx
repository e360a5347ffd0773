import type { ReactNode } from 'react';
import {
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
  TextArea,
} from 'react-aria-components';
import { FieldFrame } from './field-frame';

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
      <FieldFrame label={label} description={description} errorMessage={errorMessage}>
        <TextArea
          className={`text-field__input text-area${monospace ? ' mono' : ''}`}
          placeholder={placeholder}
          rows={rows}
        />
      </FieldFrame>
    </AriaTextField>
  );
}
