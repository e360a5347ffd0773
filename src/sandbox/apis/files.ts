import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerToken } from '../auth';
import { NO_ACCESS_STATUSES, type SandboxContext } from '../context';
import { insufficientScope, notFound } from '../errors';
import { sendGeneratedFile } from '../generated-files';
import { requestUrl } from '../http-body';
import { listParam, newestFirst, paginate } from '../pagination';
import { GRANT_ADMIN_SCOPE, scopeType } from '../scopes';
import type { FileRecord, Json } from '../state';

/**
 * cds-wg1-02 §9: only a Grant Admin token reaches files, and only those its Grant lists in
 * authorization_details `file_id` entries of a cds_server_provided_files scope.
 */
function accessibleFiles(ctx: SandboxContext, request: FastifyRequest): Set<string> {
  const token = bearerToken(ctx, request);
  if (scopeType(token.scope) !== 'cds_grant_admin' || !token.grantId)
    throw insufficientScope(GRANT_ADMIN_SCOPE);
  const grant = ctx.grant(token.grantId);
  const ids = new Set<string>();
  if (!grant || NO_ACCESS_STATUSES.has(grant.object.status)) return ids;
  for (const d of grant.object.enabled_authorization_details as Json[]) {
    if (scopeType(String(d.type)) === 'cds_server_provided_files' && typeof d.file_id === 'string')
      ids.add(d.file_id);
  }
  return ids;
}

function file(ctx: SandboxContext, request: FastifyRequest, id: string): FileRecord {
  const allowed = accessibleFiles(ctx, request);
  const record = Object.hasOwn(ctx.state.files, id) ? ctx.state.files[id] : undefined;
  if (!record || !allowed.has(id)) throw notFound('The file');
  return record;
}

/** Server-Provided Files API (cds-wg1-02 §9). */
export function registerFilesApi(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/cds-api/v1/server-provided-files', async (request) => {
    const allowed = accessibleFiles(ctx, request);
    const url = requestUrl(request, ctx.base);
    const ids = listParam(url, 'file_ids');
    const list = newestFirst(
      [...allowed]
        .map((id) => (Object.hasOwn(ctx.state.files, id) ? ctx.state.files[id] : undefined))
        .filter((f): f is FileRecord => f !== undefined && (!ids || ids.has(f.object.file_id))),
      (f) => f.object.modified,
    );
    const p = paginate(list, url, ctx.settings.pageSize);
    return { files: p.items.map((f) => f.object), next: p.next, previous: p.previous };
  });

  app.get<{ Params: { id: string } }>('/cds-api/v1/server-provided-files/:id', async (request) => {
    return file(ctx, request, request.params.id).object;
  });

  app.get<{ Params: { id: string } }>(
    '/cds-api/v1/server-provided-files/:id/download',
    async (request, reply) => {
      const record = file(ctx, request, request.params.id);
      if (record.generated) return sendGeneratedFile(reply, { ...record, generated: record.generated });
      const data = Buffer.from(record.data, 'base64');
      const name = String(record.object.name).replace(/["\\\r\n]/g, '_');
      reply
        .header('content-type', String(record.object.mime_type))
        .header('content-length', String(data.length))
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store');
      return reply.send(data);
    },
  );
}
