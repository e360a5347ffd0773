import type { RegistrationFieldView } from '../../../../shared/ipc/servers-contract';
import { ChoiceGroup } from '../../components/choice-group';
import { TextField } from '../../components/text-field';
import { humanizeCode } from './cds-wording';
import { FileField } from './file-field';
import { PurposesField } from './purposes-field';
import { baseFormatOf, type ChosenFile, type FieldValue, type PurposeDraft } from './registration-values';

/** A field's label: the Server gives only a description, so the label comes from its id. */
export function fieldLabel(field: RegistrationFieldView): string {
  const name = (field.fieldName ?? field.id).replace(/^cds_/, '');
  return `${humanizeCode(name)}${field.required ? '' : ' (optional)'}`;
}

/** The input for one registration field, by its format (cds-wg1-02 §3.7; purposes: cds-wg3-01 §5.1). */
export function RegistrationFieldInput({
  field,
  value,
  onChange,
  onBlur,
  errorMessage,
}: {
  readonly field: RegistrationFieldView;
  readonly value: FieldValue | undefined;
  readonly onChange: (value: FieldValue) => void;
  readonly onBlur: () => void;
  readonly errorMessage: string | null;
}) {
  const label = fieldLabel(field);
  const base = baseFormatOf(field);
  if (base === null || !field.supported) {
    return (
      <fieldset className="unsupported-field">
        <legend className="text-field__label">{label}</legend>
        <p className="text-field__description">
          {field.description} CDS Companion cannot fill in fields of the format “{field.format ?? 'unknown'}”;
          {field.required ? ' register for this scope with other software.' : ' it is left out.'}
        </p>
      </fieldset>
    );
  }
  switch (base) {
    case 'string':
    case 'url':
    case 'email':
      return (
        <TextField
          label={label}
          description={field.description}
          type={base === 'string' ? 'text' : base}
          value={typeof value === 'string' ? value : ''}
          onChange={onChange}
          onBlur={onBlur}
          isRequired={field.required}
          errorMessage={errorMessage}
          {...(base === 'url' ? { placeholder: 'https://' } : {})}
          {...(base === 'email' ? { placeholder: 'name@example.com', autoComplete: 'email' } : {})}
        />
      );
    case 'boolean':
      return (
        <ChoiceGroup
          label={label}
          description={field.description}
          isRequired={field.required}
          choices={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
            ...(field.nullable ? [{ value: 'none', label: 'No answer' }] : []),
          ]}
          value={value === true ? 'yes' : value === false ? 'no' : value === null ? 'none' : null}
          onChange={(next) => onChange(next === 'yes' ? true : next === 'no' ? false : null)}
          errorMessage={errorMessage}
        />
      );
    case 'image':
    case 'pdf':
      return (
        <FileField
          field={field}
          label={label}
          value={
            typeof value === 'object' && value !== null && !Array.isArray(value)
              ? (value as ChosenFile)
              : null
          }
          onChange={(file) => onChange(file)}
          errorMessage={errorMessage}
        />
      );
    case 'purposes':
      return (
        <PurposesField
          field={field}
          label={label}
          value={Array.isArray(value) ? (value as readonly PurposeDraft[]) : []}
          onChange={onChange}
          errorMessage={errorMessage}
        />
      );
  }
}
