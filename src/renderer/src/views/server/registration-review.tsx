import type { RegistrationFieldView, ScopeView } from '../../../../shared/ipc/servers-contract';
import { Fact } from '../../components/fact';
import { describeRequirement } from './cds-wording';
import { fieldLabel } from './registration-field-input';
import {
  type FieldValue,
  formatFileSize,
  type RegistrationDetails,
  splitContacts,
} from './registration-values';

function describeValue(value: FieldValue | undefined): string {
  if (value === undefined || value === '') return 'Left empty (the Server’s default applies)';
  if (value === null) return 'No answer';
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((purpose) => purpose.name).join(', ');
  const file = value as { name: string; size: number };
  return `${file.name} (${formatFileSize(file.size)})`;
}

/** Step 3: everything that will be sent, and what comes after, before the person submits. */
export function RegistrationReview({
  scopes,
  details,
  fields,
  values,
}: {
  readonly scopes: readonly ScopeView[];
  readonly details: RegistrationDetails;
  readonly fields: readonly RegistrationFieldView[];
  readonly values: Readonly<Record<string, FieldValue>>;
}) {
  const inputs = fields.filter((field) => field.kind === 'input' && field.supported);
  const steps = fields.filter((field) => field.kind === 'after-registration');
  const contacts = splitContacts(details.contacts);
  return (
    <div className="review">
      <section aria-labelledby="review-scopes">
        <h3 id="review-scopes" className="review__title">
          Scopes
        </h3>
        <ul className="tag-list">
          {scopes.map((scope) => (
            <li key={scope.id} className="tag">
              {scope.name}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="review-details">
        <h3 id="review-details" className="review__title">
          What will be sent
        </h3>
        <dl className="facts">
          <Fact term="Client name">{details.clientName.trim()}</Fact>
          <Fact term="Contacts">
            {contacts.length > 0 ? contacts.join(', ') : <span className="muted">None</span>}
          </Fact>
          {inputs.map((field) => (
            <Fact key={field.id} term={fieldLabel(field)} className="review__value">
              {describeValue(values[field.id])}
            </Fact>
          ))}
        </dl>
      </section>
      {steps.length > 0 ? (
        <section aria-labelledby="review-after">
          <h3 id="review-after" className="review__title">
            After you register
          </h3>
          <p className="muted">
            The Server will ask for these before production access; they appear as to-dos with their links.
          </p>
          <ul className="review__steps">
            {steps.map((field) => (
              <li key={field.id}>
                <strong>{describeRequirement(field)}</strong>
                {field.description ? ` — ${field.description}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
