import type { ReactNode } from 'react';
import type { QueryState } from '../ipc/use-service-query';
import { ErrorState } from './error-state';
import { Spinner } from './spinner';

/**
 * The three states of loaded data, drawn the same way everywhere: a labelled spinner the first
 * time, an ErrorState naming the Server and step with "Try again", or the content (which stays on
 * screen, marked busy, while a background reload runs).
 */
export function QueryView<T>({
  query,
  loadingLabel,
  errorTitle,
  onRetry,
  children,
}: {
  readonly query: QueryState<T>;
  readonly loadingLabel: string;
  readonly errorTitle: string;
  readonly onRetry: () => void;
  readonly children: (value: T) => ReactNode;
}) {
  if (query.status === 'loading') {
    return (
      <div className="query-loading">
        <Spinner label={loadingLabel} />
        <span className="query-loading__text">{loadingLabel}…</span>
      </div>
    );
  }
  if (query.status === 'failed') {
    return (
      <ErrorState
        title={errorTitle}
        failure={query.failure}
        onRetry={onRetry}
        isRetrying={query.isRetrying}
      />
    );
  }
  return (
    <div className="query-content" aria-busy={query.isRefreshing || undefined}>
      {children(query.value)}
    </div>
  );
}
