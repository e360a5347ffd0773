import { useEffect } from 'react';
import type { CdsApi } from '../../shared/ipc/bridge';
import { ErrorState } from './components/error-state';
import { Spinner } from './components/spinner';
import { type AppToastQueue, ToastQueueProvider, ToastRegion } from './components/toast-region';
import { CdsApiProvider, useCdsApi } from './ipc/cds-api-context';
import { loadAppInfo } from './ipc/load-app-info';
import { useServiceEvents } from './ipc/use-service-events';
import { AppFrame } from './shell/app-frame';
import type { AppLoad } from './stores/app-store';
import {
  type RendererStores,
  StoresProvider,
  useAppStore,
  useRendererStores,
} from './stores/renderer-stores';

/** The readiness signal tests and the shell wait for: `html[data-app-state=ready]`. */
const appStateByPhase: Readonly<Record<AppLoad['phase'], string>> = {
  loading: 'loading',
  ready: 'ready',
  failed: 'failed',
};

/** The root: providers, the one event subscription, the first `app.info` call. */
export function App({
  api,
  stores,
  toasts,
}: {
  readonly api: CdsApi;
  readonly stores: RendererStores;
  readonly toasts: AppToastQueue;
}) {
  useServiceEvents(api, stores);
  useEffect(() => {
    void loadAppInfo(api, stores.app);
  }, [api, stores]);

  return (
    <CdsApiProvider api={api}>
      <StoresProvider stores={stores}>
        <ToastQueueProvider queue={toasts}>
          <AppContent />
          <ToastRegion queue={toasts} />
        </ToastQueueProvider>
      </StoresProvider>
    </CdsApiProvider>
  );
}

function AppContent() {
  const load = useAppStore((state) => state.load);
  const api = useCdsApi();
  const stores = useRendererStores();
  useEffect(() => {
    document.documentElement.dataset.appState = appStateByPhase[load.phase];
  }, [load.phase]);

  if (load.phase === 'ready') return <AppFrame info={load.info} />;
  if (load.phase === 'loading') {
    return (
      <div className="app-status">
        <Spinner label="Starting CDS Companion" size="lg" />
      </div>
    );
  }
  return (
    <main className="app-status">
      <ErrorState
        title="CDS Companion could not start"
        failure={load.failure}
        onRetry={() => void loadAppInfo(api, stores.app)}
      />
    </main>
  );
}
