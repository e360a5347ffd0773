import { decodeServiceError } from '../../../shared/ipc/service-error';

/**
 * How a failed service call is shown: what went wrong, on which Server and at which step, so a person
 * can tell "the utility's token endpoint refused us" from "this computer is offline" and retry.
 * Built from whatever the transport rejected with (the harness re-throws Errors carrying these fields;
 * Electron's ipcRenderer.invoke wraps the message in its own prefix).
 */
export interface ServiceFailure {
  readonly name: string;
  readonly message: string;
  readonly server?: string;
  readonly step?: string;
}

// Electron prefixes rejected invoke messages: "Error invoking remote method 'cds:invoke:x': Error: msg".
const electronPrefix = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/;

export function toServiceFailure(error: unknown): ServiceFailure {
  if (error instanceof Error) {
    // Electron IPC: the fields travel encoded in the message (src/shared/ipc/service-error.ts).
    const encoded = decodeServiceError(error.message);
    if (encoded)
      return withContext({ name: encoded.name, message: encoded.message }, encoded.server, encoded.step);
    const fields = error as Error & { server?: unknown; step?: unknown };
    return withContext(
      { name: error.name || 'Error', message: cleanMessage(error.message) },
      fields.server,
      fields.step,
    );
  }
  if (error && typeof error === 'object') {
    const record = error as Record<string, unknown>;
    const message = typeof record.message === 'string' ? record.message : 'Something went wrong.';
    const name = typeof record.name === 'string' ? record.name : 'Error';
    return withContext({ name, message: cleanMessage(message) }, record.server, record.step);
  }
  if (typeof error === 'string' && error.length > 0) return { name: 'Error', message: cleanMessage(error) };
  return { name: 'Error', message: 'Something went wrong.' };
}

function cleanMessage(message: string): string {
  const cleaned = message.replace(electronPrefix, '').trim();
  return cleaned.length > 0 ? cleaned : 'Something went wrong.';
}

function withContext(base: ServiceFailure, server: unknown, step: unknown): ServiceFailure {
  return {
    ...base,
    ...(typeof server === 'string' && server.length > 0 ? { server } : {}),
    ...(typeof step === 'string' && step.length > 0 ? { step } : {}),
  };
}

/** "Utility A · requesting a token": the context line under an error's message. */
export function describeFailureContext(failure: ServiceFailure): string | null {
  const parts = [failure.server, failure.step].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(' · ') : null;
}
