import type { CdsApi } from '../../../shared/ipc/bridge';
import type { AppStore } from '../stores/app-store';
import { callService } from './cds-client';

/** The first call the renderer makes: the app shows its frame once `app.info` answers. */
export async function loadAppInfo(api: CdsApi, app: AppStore): Promise<void> {
  app.getState().startLoading();
  const outcome = await callService(api, (cds) => cds.app.info());
  if (outcome.ok) app.getState().receiveInfo(outcome.value);
  else app.getState().failLoading(outcome.failure);
}
