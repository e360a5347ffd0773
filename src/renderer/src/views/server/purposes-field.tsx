import { Button } from '../../components/button';
import { TextField } from '../../components/text-field';
import type { RegistrationFieldProps } from './registration-field-props';
import type { PurposeDraft } from './registration-values';

const emptyPurpose: PurposeDraft = { name: '', content: '', relatedUri: '', relatedName: '' };

/**
 * A `purposes` registration field (cds-wg3-01 §5.1): the reasons this organisation asks customers
 * for their data, each with a name, a description and an optional link. The Server assigns ids.
 */
export function PurposesField({
  field,
  label,
  value,
  onChange,
  errorMessage,
}: RegistrationFieldProps<readonly PurposeDraft[]>) {
  const update = (index: number, patch: Partial<PurposeDraft>) =>
    onChange(value.map((purpose, at) => (at === index ? { ...purpose, ...patch } : purpose)));
  return (
    <fieldset className="purposes-field">
      <legend className="text-field__label">{label}</legend>
      <p className="text-field__description">{field.description}</p>
      {value.map((purpose, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: purposes have no id until the Server assigns one.
        <div key={index} className="purposes-field__item">
          <TextField
            label={`Purpose ${index + 1}: name`}
            value={purpose.name}
            onChange={(name) => update(index, { name })}
          />
          <TextField
            label="What the data is used for"
            value={purpose.content}
            onChange={(content) => update(index, { content })}
          />
          <TextField
            label="Link to more information (optional)"
            type="url"
            value={purpose.relatedUri}
            onChange={(relatedUri) => update(index, { relatedUri })}
          />
          {purpose.relatedUri.trim() !== '' ? (
            <TextField
              label="Link name"
              value={purpose.relatedName}
              onChange={(relatedName) => update(index, { relatedName })}
            />
          ) : null}
          <Button variant="quiet" size="sm" onPress={() => onChange(value.filter((_, at) => at !== index))}>
            Remove purpose {index + 1}
          </Button>
        </div>
      ))}
      <Button variant="secondary" size="sm" onPress={() => onChange([...value, emptyPurpose])}>
        Add a purpose
      </Button>
      {errorMessage ? (
        <p className="text-field__error" role="alert">
          {errorMessage}
        </p>
      ) : null}
    </fieldset>
  );
}
