import type { ReactNode } from 'react';
import { Radio as AriaRadio, RadioGroup as AriaRadioGroup } from 'react-aria-components';
import { FieldFrame } from './field-frame';

/** One option of a ChoiceGroup. */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

/**
 * A labelled set of radio buttons (arrow keys move between them), with help text and an error wired
 * to the group for screen readers.
 */
export function ChoiceGroup({
  label,
  description,
  choices,
  value,
  onChange,
  errorMessage,
  isRequired,
  orientation = 'horizontal',
}: {
  readonly label: string;
  readonly description?: ReactNode;
  readonly choices: readonly Choice[];
  readonly value: string | null;
  readonly onChange: (value: string) => void;
  readonly errorMessage?: string | null;
  readonly isRequired?: boolean;
  readonly orientation?: 'horizontal' | 'vertical';
}) {
  return (
    <AriaRadioGroup
      className="choice-group"
      value={value}
      onChange={onChange}
      isInvalid={Boolean(errorMessage)}
      {...(isRequired === undefined ? {} : { isRequired })}
      orientation={orientation}
    >
      <FieldFrame label={label} description={description} errorMessage={errorMessage}>
        <div className={`choice-group__options choice-group__options--${orientation}`}>
          {choices.map((choice) => (
            <AriaRadio key={choice.value} value={choice.value} className="choice">
              <span className="choice__mark" aria-hidden="true" />
              {choice.label}
            </AriaRadio>
          ))}
        </div>
      </FieldFrame>
    </AriaRadioGroup>
  );
}
