import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rateLimitPlugin, { type RateLimitOptions } from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyRequest } from 'fastify';
import { ADMIN_PREFIX, registerAdminApi } from './admin-api';
import { registerAccountsApi } from './apis/accounts';
import { registerClientsApi } from './apis/clients';
import { registerCredentialsApi } from './apis/credentials';
import { registerFilesApi } from './apis/files';
import { registerGrantsApi } from './apis/grants';
import { registerMessagesApi } from './apis/messages';
import { createClock } from './clock';
import { SandboxContext, type SandboxSettings } from './context';
import { SandboxControl } from './control';
import { ApiError } from './errors';
import { applyFault, FaultInjector, type RequestLogEntry, redactUrl } from './faults';
import { METADATA_PATH } from './metadata';
import { registerMetadataRoutes } from './metadata-routes';
import { registerAuthorizationEndpoint } from './oauth/authorize';
import { registerParEndpoint } from './oauth/par';
import { registerTokenEndpoint } from './oauth/token';
import { registerTokenManagement } from './oauth/token-management';
import { registerPages } from './pages';
import { registerRegistration } from './registration';
import { emptyState, loadState, saveState } from './state';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the sandbox binds loopback unless told otherwise. */
  host?: string;
  /** Serve HTTPS with a generated self-signed certificate. */
  tls?: boolean;
  /** Keep state across restarts in this JSON file (atomic snapshots); in memory when absent. */
  stateFile?: string;
  pageSize?: number;
  /** The admin API's Bearer token; random when absent. */
  adminToken?: string;
  /** cds-wg1-02 §11.3 rate limiting of unauthenticated endpoints; off by default. */
  rateLimit?: { max: number; timeWindowMs: number } | false;
  /** cds-wg1-02 §6.9 Message attachment limit; at least 10 MB (the default). */
  attachmentLimitBytes?: number;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  parTtlSeconds?: number;
  codeTtlSeconds?: number;
  /** Fastify's request logger (off by default). */
  logger?: boolean;
}

export interface RunningSandbox {
  /** `http(s)://HOST:PORT/.well-known/cds-server-metadata.json` */
  metadataUrl: string;
  baseUrl: string;
  adminToken: string;
  control: SandboxControl;
  /** With `tls`: the PEM certificate clients must trust explicitly, and a file holding it. */
  caPem?: string;
  caFile?: string;
  close(): Promise<void>;
}

const TEN_MB = 10 * 1024 * 1024;

async function selfSignedCertificate(host: string): Promise<{ key: string; cert: string }> {
  const { generate } = await import('selfsigned');
  const ip = /^[\d.]+$/.test(host) ? host : '127.0.0.1';
  const result = await generate([{ name: 'commonName', value: 'CDS sandbox' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 90 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: result.private, cert: result.cert };
}

/** Starts the sandbox CDS Server. `startSandbox({ port: 0 })` is what every integration test does. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const attachmentLimitBytes = Math.max(options.attachmentLimitBytes ?? TEN_MB, TEN_MB);
  const settings: SandboxSettings = {
    pageSize: options.pageSize ?? 20,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 30 * 24 * 3600,
    codeTtlSeconds: options.codeTtlSeconds ?? 600,
    parTtlSeconds: options.parTtlSeconds ?? 60,
    attachmentLimitBytes,
  };
  if (!Number.isInteger(settings.pageSize) || settings.pageSize < 1)
    throw new Error('pageSize must be a positive integer.');
  const tls = options.tls ? await selfSignedCertificate(host) : undefined;
  const app = Fastify({
    logger: options.logger ?? false,
    // Base64 inflates attachments by 4/3; the §6.9 limit itself is checked on the decoded size (413).
    bodyLimit: Math.ceil((attachmentLimitBytes * 4) / 3) + 1024 * 1024,
    forceCloseConnections: true,
    ...(tls ? { https: { key: tls.key, cert: tls.cert } } : {}),
  });
  const clock = createClock();
  const ctx = new SandboxContext(emptyState(''), clock, settings);
  const faults = new FaultInjector();
  const log: RequestLogEntry[] = [];
  const save = (): void => {
    if (options.stateFile && ctx.state.baseUrl) saveState(options.stateFile, ctx.state);
  };
  const control = new SandboxControl(ctx, faults, log, save);
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');

  // Every body is read raw; routes decide between JSON and form encoding (http-body.ts).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  let rateLimit: RateLimitOptions | false = false;
  if (options.rateLimit) {
    await app.register(rateLimitPlugin, { global: false });
    rateLimit = { max: options.rateLimit.max, timeWindow: options.rateLimit.timeWindowMs };
  }

  const started = new WeakMap<FastifyRequest, { t: number; entry: RequestLogEntry }>();
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith(ADMIN_PREFIX)) return;
    const entry: RequestLogEntry = {
      at: ctx.nowIso(),
      method: request.method,
      url: redactUrl(request.url),
      status: null,
      durationMs: 0,
      fault: null,
    };
    log.push(entry);
    if (log.length > 10_000) log.splice(0, log.length - 10_000);
    started.set(request, { t: performance.now(), entry });
    const rule = faults.take(request.method, path);
    if (rule) {
      entry.fault = JSON.stringify(rule);
      if (await applyFault(rule, request, reply)) {
        entry.status = rule.reset || rule.truncate ? null : reply.statusCode;
        return reply;
      }
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    const s = started.get(request);
    if (s) {
      s.entry.status = reply.statusCode;
      s.entry.durationMs = Math.round(performance.now() - s.t);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') save();
  });

  app.setErrorHandler((error: FastifyError | ApiError, _request, reply) => {
    if (error instanceof ApiError) {
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
      return reply.code(error.status).send({ error: error.error, error_description: error.description });
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    const code =
      status === 413
        ? 'content_too_large'
        : status === 429
          ? 'too_many_requests'
          : status === 415
            ? 'unsupported_media_type'
            : status < 500
              ? 'invalid_request'
              : 'server_error';
    if (status >= 500) app.log.error(error);
    // Framework messages never hold secrets; the sandbox's own never echo request values.
    return reply
      .code(status)
      .send({ error: code, error_description: status >= 500 ? 'Internal error.' : error.message });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: 'not_found', error_description: 'There is nothing at this URL.' }),
  );

  registerMetadataRoutes(app, ctx, rateLimit);
  registerRegistration(app, ctx, rateLimit);
  registerTokenEndpoint(app, ctx);
  registerParEndpoint(app, ctx);
  registerTokenManagement(app, ctx);
  registerAuthorizationEndpoint(app, ctx);
  registerClientsApi(app, ctx);
  registerMessagesApi(app, ctx);
  registerCredentialsApi(app, ctx);
  registerGrantsApi(app, ctx);
  registerFilesApi(app, ctx);
  registerAccountsApi(app, ctx);
  registerPages(app, ctx);
  registerAdminApi(app, control, adminToken);

  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const baseUrl = `${tls ? 'https' : 'http'}://${urlHost}:${port}`;
  const loaded = options.stateFile ? loadState(options.stateFile, baseUrl) : null;
  ctx.state = loaded ?? emptyState(baseUrl);
  clock.advance(ctx.state.clockOffsetMs);
  save();

  let caFile: string | undefined;
  if (tls) {
    caFile = join(mkdtempSync(join(tmpdir(), 'cds-sandbox-')), 'sandbox-ca.pem');
    writeFileSync(caFile, tls.cert);
  }
  return {
    metadataUrl: `${baseUrl}${METADATA_PATH}`,
    baseUrl,
    adminToken,
    control,
    ...(tls ? { caPem: tls.cert, caFile } : {}),
    async close() {
      save();
      await app.close();
    },
  };
}
