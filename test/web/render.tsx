import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { CdsApi, Invoke, Subscribe } from '../../src/shared/ipc/bridge';
import { buildBridge } from '../../src/shared/ipc/bridge';
import type { EventName, MethodName } from '../../src/shared/ipc/contract';

// Small helpers for rendering into jsdom with React's act(), without a testing library.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// jsdom has no CSS.escape, which react-aria uses to look up meta tags; browsers all have it.
const cssGlobal = globalThis as { CSS?: { escape?: (value: string) => string } };
cssGlobal.CSS ??= {};
cssGlobal.CSS.escape ??= (value: string) => value.replace(/[^a-zA-Z0-9_-]/g, (char) => `\\${char}`);

export interface Rendered {
  readonly container: HTMLElement;
  rerender(node: ReactNode): Promise<void>;
  unmount(): Promise<void>;
}

export async function render(node: ReactNode): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.append(container);
  let root: Root | null = null;
  await act(async () => {
    root = createRoot(container);
    root.render(node);
  });
  return {
    container,
    rerender: async (next) => {
      await act(async () => root?.render(next));
    },
    unmount: async () => {
      await act(async () => root?.unmount());
      container.remove();
    },
  };
}

/** Lets pending promises and effects settle inside act(). */
export async function flush(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

export async function press(element: Element | null): Promise<void> {
  if (!(element instanceof HTMLElement)) throw new Error('press(): no element');
  await act(async () => {
    element.click();
  });
}

/** Types into an input the way React observes it: the native value setter, then an input event. */
export async function typeInto(input: Element | null, value: string): Promise<void> {
  if (!(input instanceof HTMLInputElement)) throw new Error('typeInto(): not an input');
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function blur(element: Element | null): Promise<void> {
  if (!(element instanceof HTMLElement)) throw new Error('blur(): no element');
  await act(async () => {
    element.focus();
    element.blur();
  });
}

export function buttonByName(root: ParentNode, name: string): HTMLButtonElement | null {
  return (
    [...root.querySelectorAll('button')].find(
      (button) => (button.getAttribute('aria-label') ?? button.textContent ?? '').trim() === name,
    ) ?? null
  );
}

/**
 * The real buildBridge over in-memory transports: `calls` records every invoke, `emit` delivers an
 * event to the renderer's subscribers as the preload or the harness would.
 */
export function fakeBridge(handlers: Partial<Record<MethodName, (...args: unknown[]) => Promise<unknown>>>) {
  const calls: { method: MethodName; args: unknown[] }[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const invoke: Invoke = async (method, args) => {
    calls.push({ method, args });
    const handler = handlers[method];
    if (!handler) throw new Error(`no fake for ${method}`);
    return handler(...args);
  };
  const subscribe: Subscribe = (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };
  const api: CdsApi = buildBridge(invoke, subscribe);
  return {
    api,
    calls,
    emit: (event: EventName, payload: unknown) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    listenerCount: (event: EventName) => listeners.get(event)?.size ?? 0,
  };
}
