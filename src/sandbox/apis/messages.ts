import type { FastifyInstance } from 'fastify';
import { CLIENT_MESSAGE_TYPES, MESSAGE_RELATED_TYPES } from '../../shared/cds/message';
import { requireClientAdmin } from '../auth';
import type { SandboxContext } from '../context';
import { ApiError, badRequest, notFound } from '../errors';
import { jsonBody, requestUrl } from '../http-body';
import { newId } from '../ids';
import { checkDetailsShape, normaliseDetails } from '../oauth/authorization-details';
import { listParam, newestFirst, paginate } from '../pagination';
import { isHttpUrl } from '../registration-fields';
import { scopeDescriptions, splitScope } from '../scopes';
import type { Json, MessageRecord } from '../state';

// The types a Client may create (§6.9) and the related types (§6.4), from the shared object model.
const CLIENT_TYPES: readonly string[] = CLIENT_MESSAGE_TYPES;
const RELATED_TYPES: readonly string[] = MESSAGE_RELATED_TYPES;
const SECTIONS = ['outstanding', 'unread', 'read'] as const;

function owned(ctx: SandboxContext, registrationId: string, id: string): MessageRecord {
  const m = ctx.message(id);
  if (!m || m.registrationId !== registrationId) throw notFound('The Message');
  return m;
}

function checkAttachments(ctx: SandboxContext, value: unknown): Json[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw badRequest('attachments must be a list.');
  let total = 0;
  for (const a of value) {
    if (!a || typeof a !== 'object') throw badRequest('Each attachment must be an object.');
    const { filename, mime_type: mime, data } = a as Json;
    if (typeof filename !== 'string' || filename.length === 0 || filename.length > 255) {
      throw badRequest('Each attachment needs a filename.');
    }
    if (typeof mime !== 'string' || !/^[\w.+-]+\/[\w.+-]+$/.test(mime))
      throw badRequest('Each attachment needs a MIME type.');
    if (typeof data !== 'string' || data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
      throw badRequest('Each attachment needs Base64 data.');
    }
    total += (data.length / 4) * 3 - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
  }
  // §6.9: 413 above the Server's limit, which is at least 10 MB.
  if (total > ctx.settings.attachmentLimitBytes) {
    throw new ApiError(
      413,
      'content_too_large',
      `Attachments may total at most ${ctx.settings.attachmentLimitBytes} bytes.`,
    );
  }
  return value as Json[];
}

/** Validates a Client-created Message (cds-wg1-02 §6.9) and returns the stored object's fields. */
function checkNewMessage(
  ctx: SandboxContext,
  registrationId: string,
  body: Json,
): { fields: Json; previous?: MessageRecord } {
  const type = body.type;
  if (typeof type !== 'string' || !CLIENT_TYPES.includes(type)) {
    throw badRequest(`type must be one of: ${CLIENT_TYPES.join(', ')}.`);
  }
  for (const key of ['name', 'description']) {
    if (typeof body[key] !== 'string') throw badRequest(`${key} must be a string.`);
    if ((body[key] as string).length > 100_000) throw badRequest(`${key} is too long.`);
  }
  const fields: Json = { type, name: body.name, description: body.description, previous_uri: null };
  let previous: MessageRecord | undefined;
  if (body.previous_uri !== undefined && body.previous_uri !== null) {
    if (typeof body.previous_uri !== 'string') throw badRequest('previous_uri must be a URL or null.');
    previous = ctx.messageByUri(body.previous_uri);
    if (!previous || previous.registrationId !== registrationId)
      throw badRequest('previous_uri does not name one of your Messages.');
    fields.previous_uri = body.previous_uri;
  }
  if (body.related_uri !== undefined && body.related_uri !== null) {
    if (!isHttpUrl(body.related_uri)) throw badRequest('related_uri must be a URL.');
    fields.related_uri = body.related_uri;
  }
  if (body.related_type !== undefined && body.related_type !== null) {
    if (typeof body.related_type !== 'string' || !RELATED_TYPES.includes(body.related_type)) {
      throw badRequest('related_type is not a known related type.');
    }
    fields.related_type = body.related_type;
  }
  const attachments = checkAttachments(ctx, body.attachments);
  if (attachments) fields.attachments = attachments;
  switch (type) {
    case 'client_submission': {
      if (body.name !== '' || body.description !== '')
        throw badRequest('A client_submission has an empty name and description.');
      if (previous?.object.type !== 'server_request') {
        throw badRequest('A client_submission answers a server_request: previous_uri must be its uri.');
      }
      const asked = ((previous.object.updates_requested as Json[] | undefined) ?? []).map((u) => u.field);
      const updates = body.updates_requested;
      if (!Array.isArray(updates) || updates.length === 0)
        throw badRequest('updates_requested is required for a client_submission.');
      for (const u of updates) {
        if (
          !u ||
          typeof u !== 'object' ||
          typeof (u as Json).field !== 'string' ||
          !asked.includes((u as Json).field)
        ) {
          throw badRequest('Each updates_requested entry must name a field the server_request asked for.');
        }
        const { description, uri } = u as Json;
        if (description === undefined && uri === undefined)
          throw badRequest('Each submitted field needs a description or a uri.');
        if (description !== undefined && typeof description !== 'string')
          throw badRequest('description must be a string.');
        if (uri !== undefined && !isHttpUrl(uri)) throw badRequest('uri must be a URL.');
      }
      fields.updates_requested = updates;
      break;
    }
    case 'production_request': {
      const target = typeof body.related_uri === 'string' ? ctx.clientByUri(body.related_uri) : undefined;
      if (
        !target ||
        target.registrationId !== registrationId ||
        !(target.object.cds_status_options as string[]).includes('sandbox')
      ) {
        throw badRequest(
          'A production_request needs related_uri: the cds_client_uri of one of your sandbox Client Objects.',
        );
      }
      fields.related_type = 'client';
      break;
    }
    case 'grant_request': {
      const target = typeof body.related_uri === 'string' ? ctx.clientByUri(body.related_uri) : undefined;
      if (!target)
        throw badRequest(
          'A grant_request needs related_uri: the cds_client_uri of the Client Object to receive the Grants.',
        );
      const requests = body.grants_requested;
      if (!Array.isArray(requests) || requests.length === 0)
        throw badRequest('grants_requested is required for a grant_request.');
      const descriptions = scopeDescriptions(ctx.base);
      const targetScopes = splitScope(target.object.scope as string);
      for (const r of requests) {
        if (!r || typeof r !== 'object') throw badRequest('Each grants_requested entry must be an object.');
        const { scope, authorization_details: details } = r as Json;
        if (
          typeof scope !== 'string' ||
          !splitScope(scope).every((s) => s in descriptions && targetScopes.includes(s))
        ) {
          throw badRequest('Each requested Grant scope must be a scope of the related Client Object.');
        }
        try {
          // §6.6: types must be among the Client Object's authorization_details_types.
          normaliseDetails(
            ctx.base,
            target.object.authorization_details_types as string[],
            checkDetailsShape(details),
            ctx.clock.now(),
          );
        } catch (error) {
          throw badRequest(`grants_requested authorization_details: ${(error as Error).message}`);
        }
      }
      fields.grants_requested = requests;
      fields.related_type = 'client';
      break;
    }
    default:
      break;
  }
  // §6.9: the Server's status rules.
  fields.status = type === 'private_message' || type === 'client_submission' ? 'complete' : 'pending';
  return { fields, previous };
}

/** cds-wg1-02 §6 Messages API. */
export function registerMessagesApi(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/cds-api/v1/messages', async (request) => {
    const token = requireClientAdmin(ctx, request);
    const url = requestUrl(request, ctx.base);
    const ids = listParam(url, 'message_ids');
    const section = url.searchParams.get('section');
    if (section !== null && !(SECTIONS as readonly string[]).includes(section)) {
      throw badRequest('section must be outstanding, unread or read.');
    }
    const mine = newestFirst(
      Object.values(ctx.state.messages)
        .filter((m) => m.registrationId === token.registrationId)
        .filter((m) => !ids || ids.has(m.object.message_id)),
      (m) => m.object.modified,
    ).map((m) => m.object);
    const out: Json = {};
    for (const s of SECTIONS) {
      const items =
        s === 'outstanding'
          ? mine.filter((m) => m.status === 'open' || m.status === 'pending')
          : mine.filter((m) => m.read === (s === 'read'));
      // §6.8: each section pages on its own; a section's link lists only that section.
      const own = new URL(url.href);
      own.searchParams.set('section', s);
      for (const other of SECTIONS) if (other !== s) own.searchParams.delete(`${other}_offset`);
      const p =
        section === null || section === s ? paginate(items, own, ctx.settings.pageSize, `${s}_`) : null;
      out[s] = p?.items ?? [];
      out[`${s}_next`] = p?.next ?? null;
      out[`${s}_previous`] = p?.previous ?? null;
    }
    return out;
  });

  app.post('/cds-api/v1/messages', async (request, reply) => {
    const token = requireClientAdmin(ctx, request);
    const { fields, previous } = checkNewMessage(ctx, token.registrationId, jsonBody(request));
    const id = newId();
    const now = ctx.nowIso();
    const record: MessageRecord = {
      registrationId: token.registrationId,
      object: {
        message_id: id,
        uri: ctx.api(`/messages/${id}`),
        previous_uri: null,
        type: fields.type as string,
        read: true,
        creator: token.clientId,
        created: now,
        modified: now,
        status: fields.status as string,
        name: '',
        ...fields,
      },
    };
    ctx.state.messages[id] = record;
    // §6.9: answering an open server_request makes it pending.
    if (fields.type === 'client_submission' && previous && previous.object.status === 'open') {
      previous.object.status = 'pending';
      previous.object.modified = ctx.nowIso();
    }
    reply.code(201);
    return record.object;
  });

  app.get<{ Params: { id: string } }>('/cds-api/v1/messages/:id', async (request) => {
    const token = requireClientAdmin(ctx, request);
    return owned(ctx, token.registrationId, request.params.id).object;
  });

  app.patch<{ Params: { id: string } }>('/cds-api/v1/messages/:id', async (request) => {
    const token = requireClientAdmin(ctx, request);
    const record = owned(ctx, token.registrationId, request.params.id);
    const body = jsonBody(request);
    // §6.11: only `read` may change; other fields are ignored.
    if ('read' in body) {
      if (typeof body.read !== 'boolean') throw badRequest('read must be true or false.');
      if (record.object.read !== body.read) {
        record.object.read = body.read;
        record.object.modified = ctx.nowIso();
      }
    }
    return record.object;
  });
}
