// Runs in the page, before the app bundle: builds `window.cds` over HTTP with the same buildBridge the
// Electron preload uses, so the renderer cannot tell the two front ends apart. Bundled at harness
// start (bridge-bundle.ts) into a classic script served from the harness origin: CSP script-src 'self'.

import { buildBridge, type Unsubscribe } from '../shared/ipc/bridge';
import type { EventName, MethodName } from '../shared/ipc/names';
import { harnessPaths, isWireError, type WireError } from './wire';

// The node tsconfig has no DOM lib: name the few browser globals this file uses.
interface MessageEventLike {
  readonly data: string;
}
interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEventLike) => void): void;
  close(): void;
}
interface BrowserGlobals {
  readonly EventSource: new (url: string) => EventSourceLike;
}

/** A harness error re-thrown in the page as an Error carrying the same fields the service set. */
export class HarnessServiceError extends Error {
  readonly server?: string;
  readonly step?: string;

  constructor(wire: WireError) {
    super(wire.message);
    this.name = wire.name;
    if (wire.server !== undefined) this.server = wire.server;
    if (wire.step !== undefined) this.step = wire.step;
  }
}

async function invoke(method: MethodName, args: unknown[]): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${harnessPaths.invokePrefix}${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new HarnessServiceError({
      name: 'ServiceUnreachable',
      message: `The CDS Companion service did not answer (${(error as Error).message}).`,
    });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new HarnessServiceError({
      name: 'ServiceUnreachable',
      message: `The CDS Companion service sent an unreadable reply (HTTP ${response.status}).`,
    });
  }
  const envelope = body as { result?: unknown; error?: unknown };
  if (response.ok && 'result' in envelope) return envelope.result;
  if (isWireError(envelope.error)) throw new HarnessServiceError(envelope.error);
  throw new HarnessServiceError({
    name: 'ServiceError',
    message: `The CDS Companion service failed (HTTP ${response.status}).`,
  });
}

/** One EventSource for every event, opened with the first listener and closed with the last. */
function createSubscriber(globals: BrowserGlobals) {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSourceLike | null = null;
  const attached = new Set<EventName>();

  const attach = (event: EventName) => {
    if (!source || attached.has(event)) return;
    attached.add(event);
    source.addEventListener(event, (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse(message.data);
      } catch {
        return;
      }
      for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
    });
  };

  return (event: EventName, listener: (payload: unknown) => void): Unsubscribe => {
    if (!source) source = new globals.EventSource(harnessPaths.events);
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    attach(event);
    return () => {
      set.delete(listener);
      const anyLeft = [...listeners.values()].some((remaining) => remaining.size > 0);
      if (!anyLeft && source) {
        source.close();
        source = null;
        attached.clear();
      }
    };
  };
}

const globals = globalThis as unknown as BrowserGlobals;
Object.defineProperty(globalThis, 'cds', {
  value: buildBridge(invoke, createSubscriber(globals)),
  writable: false,
  configurable: false,
  enumerable: true,
});
