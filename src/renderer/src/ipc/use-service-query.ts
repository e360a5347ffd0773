import { useCallback, useEffect, useRef, useState } from 'react';
import type { CdsApi } from '../../../shared/ipc/bridge';
import { type ChangeArea, revisionOf } from '../stores/changes-store';
import { useChangesStore } from '../stores/renderer-stores';
import { useCdsApi } from './cds-api-context';
import { callService } from './cds-client';
import type { ServiceFailure } from './service-failure';

/** One loaded piece of a view: loading the first time, then the value (kept while refreshing) or a failure. */
export type QueryState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T; readonly isRefreshing: boolean }
  | { readonly status: 'failed'; readonly failure: ServiceFailure; readonly isRetrying: boolean };

export interface ServiceQuery<T> {
  readonly state: QueryState<T>;
  /** Loads again now (the "Try again" button, or after an action whose event may come later). */
  readonly reload: () => void;
}

export interface ServiceQueryOptions<T> {
  /** What is loaded: a change of key starts over from `loading` (another Server, another Client Object). */
  readonly key: string;
  readonly load: (api: CdsApi) => Promise<T>;
  /**
   * The change areas (events) that make this data stale for `serverId`: when one of their revisions
   * moves, the query reloads in the background, keeping the current value on screen.
   */
  readonly watch?: readonly ChangeArea[];
  readonly serverId?: string | null;
  /** False: do not load (yet); the state stays `loading`. */
  readonly enabled?: boolean;
}

/**
 * The renderer's one way to read data for a view: a service call settled into loading / ready /
 * failed, reloaded when the events it watches move (the changes store), with stale answers dropped.
 */
export function useServiceQuery<T>({
  key,
  load,
  watch = [],
  serverId = null,
  enabled = true,
}: ServiceQueryOptions<T>): ServiceQuery<T> {
  const api = useCdsApi();
  const revision = useChangesStore((state) =>
    watch.reduce((sum, area) => sum + revisionOf(state, area, serverId), 0),
  );
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(0);
  const shownKey = useRef<string | null>(null);

  useEffect(() => {
    void revision;
    void nonce;
    if (!enabled) return;
    const request = ++latest.current;
    const sameKey = shownKey.current === key;
    shownKey.current = key;
    setState((current) => {
      if (!sameKey) return { status: 'loading' };
      if (current.status === 'ready') return { ...current, isRefreshing: true };
      if (current.status === 'failed') return { ...current, isRetrying: true };
      return current;
    });
    void callService(api, (cds) => loadRef.current(cds)).then((outcome) => {
      if (request !== latest.current) return;
      setState(
        outcome.ok
          ? { status: 'ready', value: outcome.value, isRefreshing: false }
          : { status: 'failed', failure: outcome.failure, isRetrying: false },
      );
    });
  }, [api, key, revision, nonce, enabled]);

  const reload = useCallback(() => setNonce((value) => value + 1), []);
  return { state, reload };
}
