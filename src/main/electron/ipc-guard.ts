import type { z } from 'zod';
import { eventChannel, invokeChannel, type Unsubscribe } from '../../shared/ipc/bridge';
import { type EventName, events, type MethodName, methodNames, methods } from '../../shared/ipc/contract';
import { encodeServiceError, serviceErrorInfo } from '../../shared/ipc/service-error';
import { redactKnownPatterns } from '../cds/redact';
import type { ServiceApi } from '../service-api';
import { isTrustedOrigin } from './app-origin';

// Every IPC call is checked twice before the service sees it (SECURITY.md "The desktop shell",
// STYLE.md 5): the sender frame must be the app's own top-level page, and the arguments must parse
// with the contract's schema. Results are parsed with the contract's result schema too, which strips
// any field the contract does not name, so nothing undeclared (a secret included) crosses to the
// renderer. This module takes ipcMain-shaped objects as parameters so it runs without Electron.

/** The parts of Electron's IpcMainInvokeEvent the guard reads. */
export interface IpcInvokeEventLike {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export type GuardedListener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** The parts of Electron's ipcMain the binding uses. */
export interface IpcMainLike {
  handle(channel: string, listener: GuardedListener): void;
  removeHandler(channel: string): void;
}

export interface IpcGuardOptions {
  /** Origins of the app's own pages (app://companion, and the dev server when unpackaged). */
  readonly trustedOrigins: readonly string[];
  /** Where refusals are reported; never receives argument values. */
  readonly onRejected?: (method: MethodName, reason: string) => void;
  /** Sees every result after it passed the contract's schema, just before it crosses (produced-links.ts). */
  readonly onDelivered?: (result: unknown) => void;
}

/** Raised to the renderer when a call is refused before reaching the service. */
export class IpcRejectedError extends Error {
  override readonly name = 'IpcRejectedError';
}

/** Describes schema failures by path and code only: argument values may hold a passphrase. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(arguments)'}: ${issue.code}`)
    .join('; ');
}

function senderRejection(event: IpcInvokeEventLike, trustedOrigins: readonly string[]): string | null {
  const frame = event.senderFrame;
  if (frame === null) return 'the sending frame is gone';
  // Only the top-level app page may call the service; the CSP forbids frames, this enforces it.
  if (frame.parent !== null && frame.parent !== undefined) return 'calls from subframes are refused';
  if (!isTrustedOrigin(frame.url, trustedOrigins)) return 'the sender is not the app origin';
  return null;
}

/** Wraps one service handler with the sender check, argument parsing and result filtering. */
export function guardHandler<M extends MethodName>(
  method: M,
  handler: (...args: never[]) => Promise<unknown>,
  options: IpcGuardOptions,
): GuardedListener {
  const spec = methods[method];
  return async (event, ...rawArgs) => {
    const refused = senderRejection(event, options.trustedOrigins);
    if (refused !== null) {
      options.onRejected?.(method, refused);
      throw new IpcRejectedError(`${method}: ${refused}`);
    }
    const parsed = spec.args.safeParse(rawArgs);
    if (!parsed.success) {
      const reason = `invalid arguments (${describeIssues(parsed.error)})`;
      options.onRejected?.(method, reason);
      throw new IpcRejectedError(`${method}: ${reason}`);
    }
    let result: unknown;
    try {
      result = await (handler as (...args: unknown[]) => Promise<unknown>)(...(parsed.data as unknown[]));
    } catch (error) {
      // Electron sends only the message across, so the fields a view shows (Server, step) travel
      // encoded in it. The service already words them for people; redaction is a last filter for
      // credential-shaped text quoted from a Server.
      const info = serviceErrorInfo(error);
      const safe = new Error(
        encodeServiceError({
          ...info,
          message: redactKnownPatterns(info.message),
          ...(info.step === undefined ? {} : { step: redactKnownPatterns(info.step) }),
        }),
      );
      safe.name = info.name;
      throw safe;
    }
    const checked = spec.result.safeParse(result);
    if (!checked.success) {
      options.onRejected?.(
        method,
        `the service returned an invalid result (${describeIssues(checked.error)})`,
      );
      throw new Error(`${method}: the service returned an unexpected result`);
    }
    options.onDelivered?.(checked.data);
    return checked.data;
  };
}

/** Registers a guarded handler for every contract method; returns a function removing them all. */
export function bindServiceToIpc(
  ipc: IpcMainLike,
  service: ServiceApi,
  options: IpcGuardOptions,
): () => void {
  for (const method of methodNames) {
    ipc.handle(invokeChannel(method), guardHandler(method, service.handlers[method], options));
  }
  return () => {
    for (const method of methodNames) ipc.removeHandler(invokeChannel(method));
  };
}

/**
 * Forwards every contract event from the service to the renderer, each payload parsed (and so
 * stripped of undeclared fields) by the contract's event schema first. Malformed payloads are
 * dropped and reported, never sent.
 */
export function forwardServiceEvents(
  source: ServiceApi['events'],
  send: (channel: string, payload: unknown) => void,
  onDropped?: (event: EventName, reason: string) => void,
): Unsubscribe {
  const unsubscribes = (Object.keys(events) as EventName[]).map((name) =>
    source.on(name, (payload: unknown) => {
      const parsed = events[name].safeParse(payload);
      if (!parsed.success) {
        onDropped?.(name, describeIssues(parsed.error));
        return;
      }
      send(eventChannel(name), parsed.data);
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
