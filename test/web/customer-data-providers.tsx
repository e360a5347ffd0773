import type { ReactNode } from 'react';
import {
  createToastQueue,
  ToastQueueProvider,
  ToastRegion,
} from '../../src/renderer/src/components/toast-region';
import { CdsApiProvider } from '../../src/renderer/src/ipc/cds-api-context';
import { subscribeServiceEvents } from '../../src/renderer/src/ipc/use-service-events';
import { createRendererStores, StoresProvider } from '../../src/renderer/src/stores/renderer-stores';
import type { MethodName } from '../../src/shared/ipc/contract';
import { fakeBridge } from './render';

// The providers the app gives every view (service API, stores, toasts) around one component, with
// the real event routing subscribed, for the customer data, authorization, settings and activity tests.

export type Handlers = Partial<Record<MethodName, (...args: unknown[]) => Promise<unknown>>>;

export function withApp(handlers: Handlers) {
  const bridge = fakeBridge(handlers);
  const stores = createRendererStores();
  const toasts = createToastQueue();
  const unsubscribe = subscribeServiceEvents(bridge.api, stores);
  const wrap = (node: ReactNode) => (
    <CdsApiProvider api={bridge.api}>
      <StoresProvider stores={stores}>
        <ToastQueueProvider queue={toasts}>
          {node}
          <ToastRegion queue={toasts} />
        </ToastQueueProvider>
      </StoresProvider>
    </CdsApiProvider>
  );
  return { ...bridge, stores, toasts, wrap, unsubscribe };
}

/** Elements by their visible text, anywhere in the document (dialogs render in a portal). */
export function byText(text: string, selector = '*'): HTMLElement | null {
  const matches = [...document.body.querySelectorAll<HTMLElement>(selector)].filter(
    (element) => element.textContent?.trim() === text,
  );
  return matches.at(-1) ?? null;
}

/** The input whose label is `label` (react-aria links them with aria-labelledby / for). */
export function inputByLabel(label: string): HTMLInputElement | null {
  const labels = [...document.body.querySelectorAll('label')].filter(
    (element) => element.textContent?.trim() === label,
  );
  for (const element of labels) {
    const id = element.getAttribute('for');
    if (id) {
      const input = document.getElementById(id);
      if (input instanceof HTMLInputElement) return input;
    }
    const nested = element.querySelector('input');
    if (nested) return nested;
  }
  return null;
}

export function bodyText(): string {
  return document.body.textContent ?? '';
}
