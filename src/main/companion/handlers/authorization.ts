import { randomUUID } from 'node:crypto';
import type { Grant } from '../../../shared/cds/index';
import {
  AUTHORIZATION_DEFAULTS,
  type AuthorizationFlowView,
  type AuthorizationForm,
  type AuthorizationView,
  authorizationRequest,
} from '../../../shared/ipc/authorization-contract';
import {
  type StartedLoopbackFlow,
  startLoopbackAuthorization,
} from '../../cds/authorization/authorization-flow';
import { type AuthorizationChoice, codeFlowClientFor } from '../../cds/authorization/authorization-request';
import { AuthorizationFlowError } from '../../cds/authorization/flow-errors';
import { findGrants } from '../../cds/authorization/grant-lookup';
import {
  awaitReceiptGrant,
  type StartedReceiptFlow,
  startReceiptAuthorization,
} from '../../cds/authorization/receipt-flow';
import { buildAuthorizationDetail, detailsFormOf } from '../../cds/authorization-details-form';
import { type AuthorizationRecord, authorizationState, authorizationViewOf } from '../authorization-state';
import { CompanionError } from '../companion-error';
import type { CompanionModuleFactory } from '../companion-module';
import type { ServerContext } from '../server-context';
import { cacheClients, syncClients } from './clients';

// The authorization area (cds-wg1-02 §8.3; RFC 6749 §4.1 in the system browser, RFC 8252): the
// authorization details form of a scope, flows by the loopback redirect or the Server's receipt
// page, and the record of every authorization made from this device (which Grant, which Client
// Object, which device key, how its data is reached).

interface RunningFlow {
  readonly serverId: string;
  readonly path: 'loopback' | 'receipt';
  readonly scopeId: string;
  readonly kid: string | null;
  readonly expiresAt: number;
  readonly loopback?: StartedLoopbackFlow;
  readonly receipt?: StartedReceiptFlow;
  /** Loopback: the finished authorization (recorded); settles once. */
  readonly finished?: Promise<AuthorizationView>;
  readonly abort: AbortController;
}

export const authorizationModule: CompanionModuleFactory = async (core) => {
  const shared = await authorizationState(core);
  const flows = new Map<string, RunningFlow>();
  const at = (ms: number) => new Date(ms).toISOString();

  const contextOf = (serverId: string, step: string) => {
    const context = core.context(serverId, step);
    context.requireRegistration(step);
    return context;
  };

  const scopeOf = (context: ServerContext, scopeId: string, step: string) => {
    const scope = context.scopes.find((candidate) => candidate.id === scopeId);
    if (!scope) {
      throw new CompanionError('not-found', `the Server describes no scope ${scopeId}`, {
        server: context.ref,
        step,
      });
    }
    return scope;
  };

  /** The Client Object for the scope, syncing the Client Objects once when the cache has none. */
  const clientFor = async (
    context: ServerContext,
    scopeId: string,
    clientId: string | undefined,
    step: string,
  ) => {
    try {
      return codeFlowClientFor(context, scopeId, clientId, step);
    } catch (error) {
      if (!(error instanceof AuthorizationFlowError)) throw error;
      await syncClients(core, context);
      return codeFlowClientFor(context, scopeId, clientId, step);
    }
  };

  const record = async (context: ServerContext, entry: AuthorizationRecord): Promise<AuthorizationView> => {
    await shared.authorizations.update(context.serverId, (draft) => {
      draft.records[entry.grantId] = entry;
    });
    await shared.deviceKeys.recordGrant(context.serverId, entry.grantId, entry.kid);
    core.events.emit('grants.changed', { serverId: context.serverId });
    core.events.emit('keys.changed', { serverId: context.serverId });
    return authorizationViewOf(context.serverId, entry);
  };

  const recordOf = (
    grant: Grant,
    flow: { clientId: string; scopeId: string; path: 'loopback' | 'receipt'; kid: string | null },
  ): AuthorizationRecord => ({
    grantId: grant.grant_id,
    clientId: flow.clientId,
    scopeId: flow.scopeId,
    path: flow.path,
    access: flow.path === 'loopback' ? 'user-token' : 'grant-admin',
    kid: flow.kid,
    authorizedAt: at(core.clock.now()),
    grant: grant as Record<string, unknown>,
  });

  const flowOf = (serverId: string, flowId: string, step: string): RunningFlow => {
    const server = core.findServer(serverId, step);
    const flow = flows.get(flowId);
    if (!flow || flow.serverId !== server.id) {
      throw new CompanionError('not-found', 'no authorization with this id is running', {
        server: server.name,
        step,
      });
    }
    return flow;
  };

  return {
    area: 'authorization',
    handlers: {
      'authorization.form': async (serverId, scopeId): Promise<AuthorizationForm> => {
        const step = `reading the authorization form of ${scopeId}`;
        const context = contextOf(serverId, step);
        const scope = scopeOf(context, scopeId, step);
        const form = detailsFormOf(scope.raw, { timezone: context.oauth.cds_timezone ?? null });
        let clientId: string | null = null;
        try {
          clientId = (await clientFor(context, scopeId, undefined, step)).client_id;
        } catch (error) {
          if (!(error instanceof AuthorizationFlowError)) throw error;
        }
        return {
          serverId: context.serverId,
          scopeId,
          scopeName: scope.name,
          type: form.type,
          timezone: form.timezone,
          fields: form.fields.map((field) => ({ ...field, choices: [...field.choices] })),
          jwkFieldId: form.jwkFieldId,
          clientId,
          usesPar: context.oauth.pushed_authorization_request_endpoint !== undefined,
        };
      },

      'authorization.begin': async (serverId, input): Promise<AuthorizationFlowView> => {
        const parsed = authorizationRequest.parse(input);
        const request = { ...AUTHORIZATION_DEFAULTS, ...parsed, details: parsed.details ?? {} };
        const step = `starting the authorization of ${request.scopeId}`;
        const context = contextOf(serverId, step);
        const scope = scopeOf(context, request.scopeId, step);
        const client = await clientFor(context, request.scopeId, request.clientId, step);
        const form = detailsFormOf(scope.raw, { timezone: context.oauth.cds_timezone ?? null });
        const values: Record<string, unknown> = { ...request.details };
        let kid: string | null = null;
        if (request.encrypt) {
          if (form.jwkFieldId === null) {
            throw new CompanionError(
              'invalid-argument',
              `the scope ${request.scopeId} does not offer encrypted responses`,
              {
                server: context.ref,
                step,
              },
            );
          }
          // cds-wg3-01 §7.4.6: the public half only; the private key never leaves the vault.
          const key = await shared.deviceKeys.current(context.serverId);
          values[form.jwkFieldId] = key.publicJwk;
          kid = key.kid;
        }
        const built = buildAuthorizationDetail(form, values, {
          now: new Date(core.clock.now()),
          timezone: form.timezone,
        });
        if (!built.ok) {
          throw new AuthorizationFlowError('invalid-details', {
            server: context.ref,
            step,
            more: built.problems.map((problem) => problem.message).join('; '),
          });
        }
        const choice: AuthorizationChoice = {
          scopeId: request.scopeId,
          clientId: client.client_id,
          detail: scope.authorizationDetailsTypes.length > 0 ? built.detail : null,
          ...(request.grantId === undefined ? {} : { grantId: request.grantId }),
          promptLogin: request.promptLogin,
        };
        const flowId = randomUUID();
        const timeoutMs = request.timeoutSeconds * 1000;
        const expiresAt = core.clock.now() + timeoutMs;
        const abort = new AbortController();
        const common = {
          serverId: context.serverId,
          path: request.path,
          scopeId: request.scopeId,
          kid,
          expiresAt,
          abort,
        };
        let view: AuthorizationFlowView;
        if (request.path === 'loopback') {
          const loopback = await startLoopbackAuthorization(context, choice, {
            timeoutMs,
            openBrowser: request.openBrowser,
            openExternal: core.openExternal,
            onClientChanged: (fetched) => cacheClients(core, context.serverId, [fetched], false),
          });
          const finished = loopback.result.then(
            async ({ grant, clientId }) => {
              const done = await record(
                context,
                recordOf(grant, { clientId, scopeId: request.scopeId, path: 'loopback', kid }),
              );
              core.events.emit('authorization.changed', {
                serverId: context.serverId,
                flowId,
                status: 'completed',
              });
              return done;
            },
            (error: unknown) => {
              const cancelled = error instanceof AuthorizationFlowError && error.failure === 'cancelled';
              core.events.emit('authorization.changed', {
                serverId: context.serverId,
                flowId,
                status: cancelled ? 'cancelled' : 'failed',
              });
              throw error;
            },
          );
          finished.catch(() => undefined);
          flows.set(flowId, { ...common, loopback, finished });
          view = {
            flowId,
            serverId: context.serverId,
            path: 'loopback',
            url: loopback.url,
            redirectUri: loopback.redirectUri,
            usedPar: loopback.usedPar,
            clientId: loopback.clientId,
            scopeId: request.scopeId,
            grantId: request.grantId ?? null,
            kid,
            startedAt: at(loopback.startedAt),
            expiresAt: at(expiresAt),
          };
        } else {
          const receipt = await startReceiptAuthorization(context, choice, {
            openBrowser: request.openBrowser,
            openExternal: core.openExternal,
          });
          flows.set(flowId, { ...common, receipt });
          view = {
            flowId,
            serverId: context.serverId,
            path: 'receipt',
            url: receipt.url,
            redirectUri: receipt.redirectUri,
            usedPar: receipt.usedPar,
            clientId: receipt.clientId,
            scopeId: request.scopeId,
            grantId: request.grantId ?? null,
            kid,
            startedAt: at(receipt.startedAt),
            expiresAt: at(expiresAt),
          };
        }
        core.events.emit('authorization.changed', { serverId: context.serverId, flowId, status: 'waiting' });
        return view;
      },

      'authorization.complete': async (serverId, flowId, options): Promise<AuthorizationView> => {
        const step = 'finishing the authorization';
        const flow = flowOf(serverId, flowId, step);
        try {
          if (flow.finished) return await flow.finished;
          const receipt = flow.receipt as StartedReceiptFlow;
          const context = contextOf(flow.serverId, step);
          const confirmation = options?.confirmation;
          const grant = await awaitReceiptGrant(context, receipt, {
            ...(confirmation === undefined ? {} : { confirmation }),
            timeoutMs: Math.max(0, flow.expiresAt - core.clock.now()),
            pollMs: 1000,
            signal: flow.abort.signal,
          });
          const done = await record(
            context,
            recordOf(grant, {
              clientId: receipt.clientId,
              scopeId: flow.scopeId,
              path: 'receipt',
              kid: flow.kid,
            }),
          );
          core.events.emit('authorization.changed', { serverId: flow.serverId, flowId, status: 'completed' });
          return done;
        } catch (error) {
          if (!flow.finished) {
            const cancelled = error instanceof AuthorizationFlowError && error.failure === 'cancelled';
            core.events.emit('authorization.changed', {
              serverId: flow.serverId,
              flowId,
              status: cancelled ? 'cancelled' : 'failed',
            });
          }
          throw error;
        } finally {
          flows.delete(flowId);
        }
      },

      'authorization.cancel': async (serverId, flowId) => {
        const step = 'cancelling the authorization';
        const server = core.findServer(serverId, step);
        const flow = flows.get(flowId);
        if (!flow || flow.serverId !== server.id) return { cancelled: false };
        flow.abort.abort();
        await flow.loopback?.cancel();
        if (!flow.finished) {
          flows.delete(flowId);
          core.events.emit('authorization.changed', { serverId: flow.serverId, flowId, status: 'cancelled' });
        }
        return { cancelled: true };
      },

      'authorization.list': async (serverId) => {
        const server = core.findServer(serverId, 'listing the authorizations');
        const records = Object.values(shared.authorizations.readOrEmpty(server.id).records);
        return records
          .sort((a, b) => b.authorizedAt.localeCompare(a.authorizedAt))
          .map((entry) => authorizationViewOf(server.id, entry));
      },
    },
    syncOrder: 50,
    // Keeps the recorded Grants' statuses current (a Grant may be revoked or expire on the Server).
    sync: async (context) => {
      const records = shared.authorizations.readOrEmpty(context.serverId).records;
      const ids = Object.keys(records);
      if (ids.length === 0) return { authorizations: 0 };
      const grants = await findGrants(context, { grantIds: ids }, 'refreshing the authorized Grants');
      await shared.authorizations.update(context.serverId, (draft) => {
        for (const grant of grants) {
          const entry = draft.records[grant.grant_id];
          if (entry) entry.grant = grant as Record<string, unknown>;
        }
      });
      return { authorizations: grants.length };
    },
    forgetServer: async (serverId) => {
      for (const [flowId, flow] of flows) {
        if (flow.serverId !== serverId) continue;
        flow.abort.abort();
        await flow.loopback?.cancel();
        flows.delete(flowId);
      }
      await shared.authorizations.forget(serverId);
      await shared.deviceKeyCache.forget(serverId);
    },
    close: async () => {
      for (const flow of flows.values()) {
        flow.abort.abort();
        await flow.loopback?.cancel();
      }
      flows.clear();
    },
  };
};
