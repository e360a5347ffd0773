import { randomBytes } from 'node:crypto';
import type { RemovalReport, ServerOverview, ServerSummary } from '../../../shared/ipc/servers-contract';
import { discoverServer } from '../../cds/discovery/discover-server';
import { describeError } from '../../cds/errors';
import { buildRegistrationFields } from '../../cds/registration-fields';
import { userGrantsOf } from '../authorization-state';
import type { CompanionCore } from '../companion-core';
import { CompanionError, toCdsError } from '../companion-error';
import type { CompanionModuleFactory } from '../companion-module';
import { discoveryCacheOf } from '../discovery-cache';
import { syncServer } from '../server-sync';
import type { ServerRecord } from '../state-schema';
import { syncAllServers } from '../sync-all';
import { scopeViewOf } from '../views';

// The Servers area: add (by CDS metadata URL, bare origin or AS metadata URL: discoverServer),
// addDemo (the sandbox in-process on a free loopback port), list, get, remove (revoke, then delete
// secrets and caches whatever the Server answered: SECURITY.md), sync and syncAll.

interface RunningDemo {
  close(): Promise<void>;
}

const slug = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24) || 'server';

/** A stable, readable id: the name's slug and 6 random hex digits (`sandbox-grid-utility-3f9a1c`). */
const newServerId = (name: string): string => `${slug(name)}-${randomBytes(3).toString('hex')}`;

function environmentOf(core: CompanionCore, record: ServerRecord): ServerSummary['environment'] {
  if (record.registration === null) return 'none';
  const cache = core.clients.read(record.id);
  const statuses = new Set(
    Object.values(cache?.clients ?? {})
      .filter((entry) => entry.object.client_id !== record.registration?.adminClientId)
      .map((entry) => entry.object.cds_status),
  );
  const sandbox = statuses.has('sandbox');
  const production = statuses.has('production');
  if (sandbox && production) return 'mixed';
  if (production) return 'production';
  if (sandbox) return 'sandbox';
  return 'none';
}

export function summaryOf(core: CompanionCore, record: ServerRecord): ServerSummary {
  let unreadCount = 0;
  for (const module of core.modules()) {
    try {
      unreadCount += module.summarize?.(record.id).unreadCount ?? 0;
    } catch {
      // A module's cache problem must not hide the Server from the list.
    }
  }
  return {
    id: record.id,
    name: record.name,
    metadataUrl: record.metadataUrl,
    issuer: record.issuer,
    demo: record.demo,
    status: record.status,
    statusMessage: record.statusMessage,
    registered: record.registration !== null,
    environment: environmentOf(core, record),
    unreadCount,
    lastSync: record.lastSync,
    lastSyncError: record.lastSyncError,
  };
}

function overviewOf(core: CompanionCore, record: ServerRecord): ServerOverview {
  const context = core.context(record.id, 'showing the Server');
  const cds = context.cdsMetadata;
  const oauth = context.oauth;
  const scopes = context.scopes.map((scope) => {
    const fields = buildRegistrationFields(oauth, [scope.id]);
    const requirements = fields.filter((field) => scope.registrationRequirements.includes(field.id));
    const optional = fields.filter((field) => !scope.registrationRequirements.includes(field.id));
    return scopeViewOf(scope, requirements, optional);
  });
  const links = [
    { label: 'Human registration', uri: oauth.cds_human_registration },
    { label: 'Service documentation', uri: oauth.service_documentation },
    { label: 'Terms of service', uri: oauth.op_tos_uri },
    { label: 'Policy', uri: oauth.op_policy_uri },
    ...(oauth.cds_test_accounts ? [{ label: 'Test accounts', uri: oauth.cds_test_accounts }] : []),
    ...(cds
      ? [
          { label: 'Website', uri: cds.website },
          { label: 'Support', uri: cds.support },
        ]
      : []),
  ];
  const coverage = record.discovery.coverage;
  return {
    ...summaryOf(core, record),
    description: cds?.description ?? null,
    oauthMetadataUrl: record.discovery.oauthMetadataUrl,
    website: cds?.website ?? null,
    documentation: cds?.documentation ?? oauth.service_documentation,
    support: cds?.support ?? null,
    capabilities: cds ? [...cds.capabilities] : [],
    coverage: { ...coverage.summary, complete: coverage.complete, error: coverage.error },
    scopes,
    links,
    registration: record.registration,
    warnings: [...record.discovery.warnings],
    legacyDraft: record.discovery.legacyDraft,
    timezone: oauth.cds_timezone ?? null,
  };
}

export const serversModule: CompanionModuleFactory = async (core) => {
  const demos = new Map<string, RunningDemo>();

  const add = async (input: string, name: string | undefined, demo: boolean): Promise<ServerSummary> => {
    const discovery = await discoverServer(core.http, input);
    const issuer = discovery.oauthMetadata.issuer;
    const duplicate = Object.values(core.state.read().servers).find(
      (record) => record.issuer === issuer && record.metadataUrl === discovery.metadataUrl,
    );
    if (duplicate) {
      throw new CompanionError(
        'conflict',
        `this Server was already added as "${duplicate.name}" (${duplicate.id})`,
        {
          server: { id: duplicate.id, name: duplicate.name },
          step: 'adding the Server',
        },
      );
    }
    const chosenName = name?.trim() || discovery.serverName;
    const now = new Date(core.clock.now()).toISOString();
    const record: ServerRecord = {
      id: newServerId(chosenName),
      name: chosenName,
      input,
      metadataUrl: discovery.metadataUrl,
      issuer,
      demo,
      addedAt: now,
      discovery: discoveryCacheOf(discovery, now),
      registration: null,
      status: 'reachable',
      statusMessage: null,
      lastSync: null,
      lastSyncError: null,
    };
    await core.state.update((draft) => {
      draft.servers[record.id] = record;
      draft.serverOrder.push(record.id);
    });
    core.events.emit('servers.changed', { serverId: record.id, reason: 'added' });
    return summaryOf(core, record);
  };

  const remove = async (serverId: string): Promise<RemovalReport> => {
    const record = core.findServer(serverId, 'removing the Server');
    const id = record.id;
    let revoked = 0;
    const revocationFailures: string[] = [];
    // SECURITY.md: revoke every token (RFC 7009) first, then delete secrets and caches even when
    // revocation fails: a removed Server leaves nothing behind on this computer.
    try {
      const context = core.context(id, 'removing the Server');
      // Refresh tokens of user authorizations may sit only in the vault (from an earlier run).
      const userGrants = await userGrantsOf(core, id);
      const report = await core.tokens.revokeAll(context.tokenServer, { userGrants });
      revoked = report.revoked;
      revocationFailures.push(...report.failed.map((failure) => failure.userMessage));
    } catch (error) {
      revocationFailures.push(describeError(error));
    }
    core.tokens.invalidate({ serverId: id });
    const problems: string[] = [];
    try {
      await core.vault.deleteByPrefix(`server/${id}/`);
    } catch (error) {
      problems.push(
        toCdsError(error, { id, name: record.name }, 'deleting the Server’s secrets').userMessage,
      );
    }
    for (const module of core.modules()) {
      try {
        await module.forgetServer?.(id);
      } catch (error) {
        problems.push(
          toCdsError(error, { id, name: record.name }, `deleting the cached ${module.area}`).userMessage,
        );
      }
    }
    await core.clients.forget(id);
    await core.state.update((draft) => {
      delete draft.servers[id];
      draft.serverOrder = draft.serverOrder.filter((item) => item !== id);
      draft.rotationJournal = draft.rotationJournal.filter((entry) => entry.serverId !== id);
    });
    const running = demos.get(id);
    if (running) {
      demos.delete(id);
      await running.close().catch(() => undefined);
    }
    core.events.emit('servers.changed', { serverId: id, reason: 'removed' });
    if (problems.length > 0) {
      throw new CompanionError('internal', `the Server was removed, but: ${problems.join(' ')}`, {
        server: { id, name: record.name },
        step: 'removing the Server',
      });
    }
    return { serverId: id, name: record.name, revoked, revocationFailures, deleted: true };
  };

  return {
    area: 'servers',
    handlers: {
      'servers.add': (input) => add(input.url, input.name, false),
      'servers.addDemo': async (input) => {
        // Loaded only when asked: the sandbox (fastify) is not part of the CLI's start-up.
        const { startSandbox } = await import('../../../sandbox/index');
        const sandbox = await startSandbox({ port: 0 });
        try {
          const summary = await add(sandbox.metadataUrl, input?.name ?? 'Demo utility (sandbox)', true);
          demos.set(summary.id, sandbox);
          return summary;
        } catch (error) {
          await sandbox.close();
          throw error;
        }
      },
      'servers.list': async () => {
        const state = core.state.read();
        return state.serverOrder.flatMap((id) => {
          const record = state.servers[id];
          if (!record) return [];
          if (record.demo && !demos.has(id) && record.status !== 'unreachable') {
            // A demo Server runs inside the process that added it and is gone after a restart.
            return [
              {
                ...summaryOf(core, record),
                status: 'unreachable' as const,
                statusMessage:
                  'The demo Server stopped when the app that started it closed; remove it and add a new demo.',
              },
            ];
          }
          return [summaryOf(core, record)];
        });
      },
      'servers.get': async (serverId) => overviewOf(core, core.findServer(serverId, 'showing the Server')),
      'servers.remove': remove,
      'servers.sync': (serverId) => syncServer(core, serverId),
      // Several Servers at a time (sync-all.ts): a slow Server no longer holds up the others.
      'servers.syncAll': () => syncAllServers(core),
    },
    close: async () => {
      for (const running of demos.values()) await running.close().catch(() => undefined);
      demos.clear();
    },
  };
};
