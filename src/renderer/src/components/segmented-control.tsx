import type { Key } from 'react-aria-components';
import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';

export interface Segment<T extends string> {
  readonly id: T;
  readonly label: string;
  /** A count shown after the label ("Unread 4"). */
  readonly count?: number;
}

/**
 * A row of mutually exclusive buttons (one always chosen) for switching what a view shows; arrow
 * keys move between them (react-aria ToggleButtonGroup), the chosen one is aria-pressed / checked.
 */
export function SegmentedControl<T extends string>({
  label,
  segments,
  value,
  onChange,
}: {
  readonly label: string;
  readonly segments: readonly Segment<T>[];
  readonly value: T;
  readonly onChange: (value: T) => void;
}) {
  return (
    <ToggleButtonGroup
      aria-label={label}
      className="segmented"
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[value]}
      onSelectionChange={(keys: Set<Key>) => {
        const [next] = [...keys];
        if (next !== undefined) onChange(String(next) as T);
      }}
    >
      {segments.map((segment) => (
        <ToggleButton key={segment.id} id={segment.id} className="segmented__item">
          <span>{segment.label}</span>
          {segment.count !== undefined ? <span className="segmented__count">{segment.count}</span> : null}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
