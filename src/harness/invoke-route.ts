import type { z } from 'zod';
import type { ServiceApi } from '../main/service-api';
import { type MethodName, methodNames, methods } from '../shared/ipc/contract';
import { serviceErrorInfo } from '../shared/ipc/service-error';
import type { InvokeResponseBody, WireError } from './wire';

export interface InvokeReply {
  readonly status: number;
  readonly body: InvokeResponseBody;
}

export function isMethodName(name: string): name is MethodName {
  return (methodNames as readonly string[]).includes(name);
}

/**
 * One harness call, as the Electron IPC binding does it (SECURITY.md "The desktop shell"): the method
 * must be in the contract and its arguments must parse with the contract's args schema before the
 * handler runs; the result must parse with the result schema before it leaves.
 */
export async function handleInvoke(
  service: ServiceApi,
  method: string,
  rawBody: string,
): Promise<InvokeReply> {
  if (!isMethodName(method)) {
    return failure(404, { name: 'UnknownMethod', message: `There is no service method named "${method}".` });
  }
  let parsedBody: unknown;
  try {
    parsedBody = JSON.parse(rawBody);
  } catch {
    return failure(400, {
      name: 'InvalidArguments',
      message: `The arguments for ${method} are not valid JSON.`,
    });
  }
  const spec = methods[method];
  const args = spec.args.safeParse(parsedBody);
  if (!args.success) {
    return failure(400, {
      name: 'InvalidArguments',
      message: `The arguments for ${method} do not match the contract: ${describeIssues(args.error)}`,
    });
  }

  let value: unknown;
  try {
    const handler = service.handlers[method] as (...handlerArgs: unknown[]) => Promise<unknown>;
    value = await handler(...(args.data as unknown[]));
  } catch (error) {
    return failure(500, toWireError(error));
  }

  const result = spec.result.safeParse(value);
  if (!result.success) {
    return failure(500, {
      name: 'InvalidResult',
      message: `The service's answer to ${method} does not match the contract: ${describeIssues(result.error)}`,
    });
  }
  return { status: 200, body: { result: result.data } };
}

function failure(status: number, error: WireError): InvokeReply {
  return { status, body: { error } };
}

/**
 * Issue paths and messages only: zod's messages name expected types, never the received values, so
 * an argument that carries a secret (a passphrase) is not echoed back.
 */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** The fields a handler's error carries across the wire; everything else (stack, cause) stays here. */
export const toWireError = (error: unknown): WireError => serviceErrorInfo(error);
