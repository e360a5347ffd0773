import { Button as AriaButton, Input, Label, SearchField } from 'react-aria-components';
import { CloseIcon } from '../../components/icons';
import { allStatuses, type GrantFilter } from './grants-table-model';

/** The Grants filter: words to find (scope, Client Object, id, receipt code) and one status. */
export function GrantsFilterBar({
  filter,
  statuses,
  onChange,
  shown,
  total,
}: {
  readonly filter: GrantFilter;
  readonly statuses: readonly { readonly status: string; readonly label: string }[];
  readonly onChange: (filter: GrantFilter) => void;
  readonly shown: number;
  readonly total: number;
}) {
  return (
    <search className="filter-bar" aria-label="Filter Grants">
      <SearchField
        className="filter-bar__search"
        value={filter.text}
        onChange={(text) => onChange({ ...filter, text })}
      >
        <Label className="text-field__label">Find</Label>
        <div className="filter-bar__search-box">
          <Input className="text-field__input" placeholder="Scope, Client Object, Grant id or receipt code" />
          {filter.text ? (
            <AriaButton className="filter-bar__clear" aria-label="Clear the search">
              <CloseIcon size={14} />
            </AriaButton>
          ) : null}
        </div>
      </SearchField>
      <div className="filter-bar__field">
        <label className="text-field__label" htmlFor="grants-status-filter">
          Status
        </label>
        <select
          id="grants-status-filter"
          className="text-field__input filter-bar__select"
          value={filter.status}
          onChange={(event) => onChange({ ...filter, status: event.target.value })}
        >
          <option value={allStatuses}>All statuses</option>
          {statuses.map((entry) => (
            <option key={entry.status} value={entry.status}>
              {entry.label}
            </option>
          ))}
        </select>
      </div>
      <p className="filter-bar__count" aria-live="polite">
        {shown === total ? `${total} Grant${total === 1 ? '' : 's'}` : `${shown} of ${total} Grants`}
      </p>
    </search>
  );
}
