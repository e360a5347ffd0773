// How a failed service call crosses a front end's transport: the fields a view shows (what went
// wrong, on which Server, at which step), never a stack or a cause. Electron's ipcRenderer.invoke
// keeps only an error's message, so the fields travel inside it, behind a marker the renderer
// recognises; the web harness sends the same fields as JSON.

export interface ServiceErrorInfo {
  readonly name: string;
  readonly message: string;
  readonly server?: string;
  readonly step?: string;
}

const marker = '[cds-service-error]';
const fallbackMessage = 'The service failed without a message.';

/** The fields of any thrown value, as the service worded them (CdsErrors carry server and step). */
export function serviceErrorInfo(error: unknown): ServiceErrorInfo {
  if (!(error instanceof Error)) return { name: 'Error', message: fallbackMessage };
  const extra = error as Error & { server?: unknown; step?: unknown };
  return {
    name: error.name || 'Error',
    message: error.message || fallbackMessage,
    ...(typeof extra.server === 'string' && extra.server.length > 0 ? { server: extra.server } : {}),
    ...(typeof extra.step === 'string' && extra.step.length > 0 ? { step: extra.step } : {}),
  };
}

/** The text of an Error that carries `info` through a message-only transport. */
export function encodeServiceError(info: ServiceErrorInfo): string {
  return `${marker}${JSON.stringify(info)}`;
}

/** The fields encoded in a message (wherever a transport prefixed it), or null when there are none. */
export function decodeServiceError(message: string): ServiceErrorInfo | null {
  const at = message.indexOf(marker);
  if (at < 0) return null;
  try {
    const value: unknown = JSON.parse(message.slice(at + marker.length));
    if (!value || typeof value !== 'object') return null;
    const record = value as Record<string, unknown>;
    if (typeof record.name !== 'string' || typeof record.message !== 'string') return null;
    return {
      name: record.name,
      message: record.message,
      ...(typeof record.server === 'string' ? { server: record.server } : {}),
      ...(typeof record.step === 'string' ? { step: record.step } : {}),
    };
  } catch {
    return null;
  }
}
