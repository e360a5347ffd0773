import type { AuthorizationForm } from '../../../../shared/ipc/authorization-contract';
import { AuthorizationFieldInput } from './authorization-field-input';
import { type DetailInput, type DetailInputs, editableFields } from './authorization-values';

/**
 * The authorization details form of a scope (cds-wg1-02 §3.8–§3.10): what the customer will be asked
 * to share, as the Server describes it. Empty optional fields are left out, so the Server's default
 * applies.
 */
export function AuthorizationDetailsForm({
  form,
  inputs,
  problems,
  onChange,
}: {
  readonly form: AuthorizationForm;
  readonly inputs: DetailInputs;
  readonly problems: Readonly<Record<string, string>>;
  readonly onChange: (fieldId: string, value: DetailInput) => void;
}) {
  const fields = editableFields(form);
  if (fields.length === 0) {
    return (
      <p className="muted">{form.scopeName} asks nothing more: the customer chooses on the Server’s page.</p>
    );
  }
  return (
    <fieldset className="details-form">
      <legend className="details-form__legend">What to ask the customer for</legend>
      {fields.map((field) => (
        <AuthorizationFieldInput
          key={field.id}
          field={field}
          value={inputs[field.id] ?? ''}
          onChange={(value) => onChange(field.id, value)}
          problem={problems[field.id] ?? null}
          timezone={form.timezone}
        />
      ))}
    </fieldset>
  );
}
