import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SandboxControl } from './control';
import { ApiError, badRequest } from './errors';
import type { FaultRule } from './faults';
import { jsonBody } from './http-body';
import { safeEqual } from './ids';
import type { Json } from './state';

type Handler = (control: SandboxControl, body: Json) => unknown;

const str = (body: Json, key: string): string => {
  if (typeof body[key] !== 'string') throw badRequest(`${key} must be a string.`);
  return body[key] as string;
};

/** The name and description of a Message the sandbox writes (cds-wg1-02 §6.1). */
const messageText = (body: Json) => ({ name: str(body, 'name'), description: str(body, 'description') });

/** The same, to one registration's admin Client Object. */
const messageTo = (body: Json) => ({ registrationId: str(body, 'registrationId'), ...messageText(body) });

/** POST /sandbox-admin/<name> with a JSON body: the `control` methods over HTTP. */
const HANDLERS: Record<string, Handler> = {
  registrations: (c) => c.registrations(),
  messages: (c, b) => c.messages(b.registrationId as string | undefined),
  pending: (c, b) => c.pending(b.registrationId as string | undefined),
  approve: (c, b) => c.approve(str(b, 'messageId'), b.description as string | undefined),
  reject: (c, b) => c.reject(str(b, 'messageId'), str(b, 'reason')),
  'mark-pending': (c, b) => c.markPending(str(b, 'messageId'), b.description as string | undefined),
  notify: (c, b) =>
    c.notify({
      registrationId: b.registrationId as string | undefined,
      ...messageText(b),
      relatedUri: b.relatedUri as string | undefined,
    }),
  'private-message': (c, b) =>
    c.privateMessage({ ...messageTo(b), previousUri: b.previousUri as string | undefined }),
  'server-request': (c, b) =>
    c.serverRequest({
      ...messageTo(b),
      fields: b.fields as Array<{ field: string; name: string; description: string }>,
    }),
  'file-grant': (c, b) => {
    if (!Array.isArray(b.files)) throw badRequest('files must be a list.');
    return c.createFileGrant({ clientId: str(b, 'clientId'), files: b.files as never });
  },
  'generated-file-grant': (c, b) =>
    c.createGeneratedFileGrant({
      clientId: str(b, 'clientId'),
      name: b.name as string | undefined,
      mimeType: b.mimeType as string | undefined,
      size: Number(b.size),
    }),
  grant: (c, b) =>
    c.createGrant({
      clientId: str(b, 'clientId'),
      scope: b.scope as string | undefined,
      authorizationDetails: b.authorizationDetails as Json[] | undefined,
      status: b.status as string | undefined,
      customer: b.customer as string | undefined,
    }),
  'grant-status': (c, b) => c.setGrantStatus(str(b, 'grantId'), str(b, 'status')),
  'expire-credential': (c, b) => c.expireCredential(str(b, 'credentialId')),
  'advance-clock': (c, b) => c.advanceClock(Number(b.ms)),
  fault: (c, b) => c.injectFault(b as unknown as FaultRule),
  'clear-faults': (c) => {
    c.clearFaults();
    return { ok: true };
  },
  faults: (c) => c.faultsPending(),
  'request-log': (c, b) =>
    c.requestLog({ method: b.method as string | undefined, path: b.path as string | undefined }),
  'clear-request-log': (c) => {
    c.clearRequestLog();
    return { ok: true };
  },
  'token-count': (c, b) => ({ count: c.tokenCount(b.clientId as string | undefined) }),
  'revoke-tokens': (c, b) => ({ revoked: c.revokeAllTokens(str(b, 'clientId')) }),
};

export const ADMIN_PREFIX = '/sandbox-admin/';

function checkAdmin(request: FastifyRequest, adminToken: string): void {
  const header = request.headers.authorization ?? '';
  const presented = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  if (!presented || !safeEqual(presented, adminToken)) {
    throw new ApiError(401, 'invalid_token', 'The admin API needs the sandbox admin token.', {
      'www-authenticate': 'Bearer',
    });
  }
}

export function registerAdminApi(app: FastifyInstance, control: SandboxControl, adminToken: string): void {
  app.post<{ Params: { name: string } }>(`${ADMIN_PREFIX}:name`, async (request) => {
    checkAdmin(request, adminToken);
    const handler = Object.hasOwn(HANDLERS, request.params.name) ? HANDLERS[request.params.name] : undefined;
    if (!handler) throw new ApiError(404, 'not_found', `No admin operation ${request.params.name}.`);
    const empty = !request.body || (Buffer.isBuffer(request.body) && request.body.length === 0);
    const result = handler(control, empty ? {} : jsonBody(request));
    return result === undefined ? { ok: true } : result;
  });
}

export const ADMIN_OPERATIONS = Object.keys(HANDLERS);
