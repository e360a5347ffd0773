import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from './context';
import { notFound } from './errors';
import { requestUrl } from './http-body';
import {
  authorizationServerMetadata,
  cdsServerMetadata,
  coverageEntries,
  coverageGeoJson,
  METADATA_PATH,
  OAUTH_METADATA_PATH,
} from './metadata';
import { listParam, paginate } from './pagination';

/** The public, unauthenticated metadata (cds-wg1-01 §3–§4, cds-wg1-02 §3; RFC 8414). */
export function registerMetadataRoutes(
  app: FastifyInstance,
  ctx: SandboxContext,
  rateLimit: RateLimitOptions | false,
): void {
  const config = rateLimit ? { config: { rateLimit } } : {};
  app.get(METADATA_PATH, config, async () =>
    cdsServerMetadata(ctx.base, `${ctx.base}${OAUTH_METADATA_PATH}`, `${ctx.base}${METADATA_PATH}`),
  );
  app.get(OAUTH_METADATA_PATH, config, async () => authorizationServerMetadata(ctx.base));
  app.get('/cds-coverage.json', config, async (request) => {
    const url = requestUrl(request, ctx.base);
    const ids = listParam(url, 'ids');
    const entries = coverageEntries(ctx.base).filter((e) => !ids || ids.has(e.id as string));
    const p = paginate(entries, url, ctx.settings.pageSize);
    return { coverage_entries: p.items, next: p.next, previous: p.previous };
  });
  app.get<{ Params: { file: string } }>('/coverage/:file', config, async (request, reply) => {
    const file = request.params.file;
    const geo = file.endsWith('.geojson') ? coverageGeoJson(file.slice(0, -'.geojson'.length)) : null;
    if (!geo) throw notFound('The coverage map');
    reply.type('application/geo+json');
    return geo;
  });
}
