import type { CdsApi } from '../shared/ipc/bridge';

declare global {
  interface Window {
    readonly cds: CdsApi;
  }
}
