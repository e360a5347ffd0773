import { createContext, type ReactNode, useContext } from 'react';
import type { CdsApi } from '../../../shared/ipc/bridge';

const CdsApiContext = createContext<CdsApi | null>(null);

/** Provides the service API to the tree; tests pass a bridge over fakes instead of window.cds. */
export function CdsApiProvider({ api, children }: { readonly api: CdsApi; readonly children: ReactNode }) {
  return <CdsApiContext.Provider value={api}>{children}</CdsApiContext.Provider>;
}

export function useCdsApi(): CdsApi {
  const api = useContext(CdsApiContext);
  if (!api) throw new Error('useCdsApi must be used inside <CdsApiProvider>.');
  return api;
}
