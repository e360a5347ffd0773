import type { ReactNode } from 'react';
import { Button } from '../../components/button';

/** The head of a data section (Credentials, Grants, Files): its title, what it shows, and a Refresh. */
export function DataSectionHeader({
  title,
  children,
  onRefresh,
}: {
  readonly title: string;
  /** The introduction under the title. */
  readonly children: ReactNode;
  readonly onRefresh: () => void;
}) {
  return (
    <header className="data-section__header">
      <div>
        <h2 className="data-section__title">{title}</h2>
        <p className="data-section__intro">{children}</p>
      </div>
      <Button variant="secondary" size="sm" onPress={onRefresh}>
        Refresh
      </Button>
    </header>
  );
}
