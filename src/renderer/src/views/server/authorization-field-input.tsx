import type { DetailFieldView } from '../../../../shared/ipc/authorization-contract';
import { Checkbox } from '../../components/checkbox';
import { ChoiceGroup } from '../../components/choice-group';
import { ExternalLink } from '../../components/external-link';
import { TextField } from '../../components/text-field';
import type { DetailInput } from './authorization-values';

// One authorization details field (cds-wg1-02 §3.8) by its format: every format of §3.9 has its own
// input. Dates may be absolute or relative to today in the Server's time zone (§2).

// The Server's own hint says the bounds; these add how to write what the hint cannot say.
const extraHelp: Partial<Record<DetailFieldView['kind'], string>> = {
  string_list: 'Separate several values with commas.',
  unsupported: 'This kind of field is new to CDS Companion: enter its value as JSON.',
};

/** "a whole number from 1 to 100" → "Enter a whole number from 1 to 100." */
function hintSentence(hint: string): string {
  const trimmed = hint.trim();
  return trimmed === '' ? '' : `Enter ${trimmed}${/[.!?]$/.test(trimmed) ? '' : '.'}`;
}

function Help({ field, timezone }: { readonly field: DetailFieldView; readonly timezone: string }) {
  const showsHint = field.kind !== 'choice' && field.kind !== 'boolean';
  const parts = [field.description, showsHint ? hintSentence(field.hint) : '', extraHelp[field.kind]].filter(
    (part): part is string => Boolean(part && part.trim().length > 0),
  );
  const isDate = field.kind === 'relative_or_absolute_date' || field.kind === 'relative_or_absolute_datetime';
  return (
    <>
      {parts.join(' ')}
      {isDate ? ` Read in the Server’s time zone (${timezone}).` : ''}
      {field.documentation ? (
        <>
          {' '}
          <ExternalLink href={field.documentation}>More about {field.name}</ExternalLink>
        </>
      ) : null}
    </>
  );
}

export function AuthorizationFieldInput({
  field,
  value,
  onChange,
  problem,
  timezone,
}: {
  readonly field: DetailFieldView;
  readonly value: DetailInput;
  readonly onChange: (value: DetailInput) => void;
  readonly problem: string | null;
  readonly timezone: string;
}) {
  const label = field.required ? field.name : `${field.name} (optional)`;
  const help = <Help field={field} timezone={timezone} />;

  if (field.kind === 'boolean') {
    return (
      <div className="detail-field" data-field-kind={field.kind}>
        <Checkbox isSelected={value === true} onChange={onChange} description={help}>
          {field.name}
        </Checkbox>
      </div>
    );
  }

  if (field.kind === 'choice') {
    return (
      <div className="detail-field" data-field-kind={field.kind}>
        <ChoiceGroup
          label={label}
          description={help}
          orientation="vertical"
          choices={field.choices.map((choice) => ({ value: choice.id, label: choice.name }))}
          value={typeof value === 'string' && value !== '' ? value : null}
          onChange={onChange}
          errorMessage={problem}
        />
      </div>
    );
  }

  if (field.kind === 'string_or_null') {
    const isNull = value === null;
    return (
      <div className="detail-field" data-field-kind={field.kind}>
        <TextField
          label={label}
          description={help}
          value={isNull ? '' : String(value)}
          onChange={onChange}
          isDisabled={isNull}
          errorMessage={problem}
        />
        <Checkbox isSelected={isNull} onChange={(checked) => onChange(checked ? null : '')}>
          No value (send an empty value)
        </Checkbox>
      </div>
    );
  }

  const numeric = field.kind === 'int' || field.kind === 'decimal';
  return (
    <div className="detail-field" data-field-kind={field.kind}>
      <TextField
        label={label}
        description={help}
        value={typeof value === 'string' ? value : ''}
        onChange={onChange}
        errorMessage={problem}
        {...(numeric ? { inputMode: field.kind === 'int' ? 'numeric' : 'decimal' } : {})}
        {...(field.kind === 'unsupported' ? { inputClassName: 'mono' } : {})}
      />
    </div>
  );
}
