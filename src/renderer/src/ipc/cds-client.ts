import type { CdsApi } from '../../../shared/ipc/bridge';
import { type ServiceFailure, toServiceFailure } from './service-failure';

/** A settled service call: views branch on `ok` instead of wrapping every call in try/catch. */
export type ServiceOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: ServiceFailure };

/**
 * The service API the preload (Electron) or the harness bridge (web) exposed as `window.cds`.
 * Missing only when the renderer is opened outside both, which deserves a clear message.
 */
export function getWindowCdsApi(): CdsApi {
  const api = (window as { cds?: CdsApi }).cds;
  if (!api) {
    throw new Error(
      'CDS Companion could not reach its service: window.cds is missing (open it through the app).',
    );
  }
  return api;
}

/**
 * Runs one call against the service and settles it: a rejection becomes a ServiceFailure carrying
 * the Server and step the service reported, never an unhandled promise.
 */
export async function callService<T>(
  api: CdsApi,
  call: (api: CdsApi) => Promise<T>,
): Promise<ServiceOutcome<T>> {
  try {
    return { ok: true, value: await call(api) };
  } catch (error) {
    return { ok: false, failure: toServiceFailure(error) };
  }
}
