import { z } from 'zod';
import {
  type Grant,
  INACTIVE_GRANT_STATUSES,
  type ServerProvidedFile,
  serverProvidedFileListingSchema,
} from '../../shared/cds/index';
import { CompanionError } from '../companion/companion-error';
import type { ServerContext } from '../companion/server-context';
import { validateWithSchema } from './http/json-response';

// cds-wg1-02 §9 Server-Provided Files. Files come with Server-created Grants of a
// `cds_server_provided_files` scope (§3.3.3); Clients never get a token for such a Grant directly:
// they use the Grant Admin method (§3.3.2), a client_credentials request by the Client Object
// holding the Grant Admin scope named in the files scope's `grant_admin_scope`, with
// authorization_details [{type: <grant admin scope>, client_id: <the Grant's client>, grant_id}].

/** How to reach the files of one Grant. */
export interface FilesGrantAccess {
  readonly grantId: string;
  /** The Client Object the Grant belongs to (the files Client Object). */
  readonly clientId: string;
  /** The Grant Admin scope id (`cds_grant_admin_1`). */
  readonly grantAdminScope: string;
  /** The Client Object holding that scope, whose secret asks for the token. */
  readonly grantAdminClientId: string;
}

export interface FetchedServerFile {
  readonly file: ServerProvidedFile;
  readonly raw: Record<string, unknown>;
  readonly access: FilesGrantAccess;
}

const MAX_PAGES = 1000;
const anyJson = z.unknown();
const words = (scope: string): string[] => scope.split(' ').filter((word) => word.length > 0);

/**
 * The files Grants of the registration and how to reach each one. A Grant whose access is off
 * (§8.2 inactive statuses, or an empty `enabled_scope`: §3.3.2 "not disabled") is skipped; a Grant
 * whose Grant Admin Client Object is unknown is reported as a problem.
 */
export function filesGrantAccess(
  context: ServerContext,
  grants: readonly Grant[],
): { access: FilesGrantAccess[]; problems: string[] } {
  const filesScopes = new Map(
    context.scopes
      .filter((scope) => scope.kind === 'serverProvidedFiles')
      .map((scope) => [scope.id, scope.grantAdminScope] as const),
  );
  const clients = context.cachedClients();
  const access: FilesGrantAccess[] = [];
  const problems: string[] = [];
  for (const grant of grants) {
    const ids = [...words(grant.scope), ...grant.authorization_details.map((detail) => detail.type)];
    const filesScope = ids.find((id) => filesScopes.has(id));
    if (filesScope === undefined) continue;
    if (
      (INACTIVE_GRANT_STATUSES as readonly string[]).includes(grant.status) ||
      grant.enabled_scope.trim() === ''
    )
      continue;
    const grantAdminScope = filesScopes.get(filesScope) ?? null;
    if (grantAdminScope === null) {
      problems.push(
        `the files scope ${filesScope} names no Grant Admin scope, so Grant ${grant.grant_id} cannot be reached`,
      );
      continue;
    }
    const admin = clients.find((client) => words(client.scope).includes(grantAdminScope));
    if (!admin) {
      problems.push(
        `no Client Object of this registration has the Grant Admin scope ${grantAdminScope}; sync the Client Objects`,
      );
      continue;
    }
    access.push({
      grantId: grant.grant_id,
      clientId: grant.client_id,
      grantAdminScope,
      grantAdminClientId: admin.client_id,
    });
  }
  return { access, problems };
}

/** Runs `use` with the Grant Admin token of one files Grant; one re-fetch on a 401. */
export function withGrantAdminToken<T>(
  context: ServerContext,
  access: FilesGrantAccess,
  use: (accessToken: string) => Promise<T>,
): Promise<T> {
  return context.tokens.withToken(
    {
      kind: 'grant-admin',
      server: context.tokenServer,
      client: context.tokenClient(access.grantAdminClientId),
      grantAdminScope: access.grantAdminScope,
      clientId: access.clientId,
      grantId: access.grantId,
    },
    use,
  );
}

/** The Server-Provided Files of one Grant (§9.2, every page), with the Grant's token. */
export async function listGrantFiles(
  context: ServerContext,
  access: FilesGrantAccess,
): Promise<FetchedServerFile[]> {
  const endpoint = context.oauth.cds_server_provided_files_api;
  const step = `listing the files of Grant ${access.grantId}`;
  if (endpoint === undefined) {
    throw new CompanionError('not-found', 'this Server offers no Server-Provided Files API', {
      server: context.ref,
      step,
    });
  }
  const out: FetchedServerFile[] = [];
  const seen = new Set<string>();
  let url: URL | null = new URL(endpoint);
  for (let page = 0; url !== null && page < MAX_PAGES; page += 1) {
    if (seen.has(url.href)) break;
    seen.add(url.href);
    const target: URL = url;
    const body = await withGrantAdminToken(context, access, (bearer) =>
      context.http.getJson(target, {
        server: context.ref,
        step,
        schema: anyJson,
        what: 'the Server-Provided File listing',
        bearer,
      }),
    );
    const listing = validateWithSchema(
      serverProvidedFileListingSchema,
      body,
      'the Server-Provided File listing',
      { server: context.ref, step },
    );
    const raws = ((body as Record<string, unknown>).files ?? []) as Record<string, unknown>[];
    listing.files.forEach((file, index) => {
      out.push({ file, raw: raws[index] ?? {}, access });
    });
    url = listing.next ? new URL(listing.next, target) : null;
  }
  return out;
}

/** Every file reachable through the given Grants, once each (the first Grant listing it wins). */
export async function listServerFiles(
  context: ServerContext,
  access: readonly FilesGrantAccess[],
): Promise<FetchedServerFile[]> {
  const byId = new Map<string, FetchedServerFile>();
  for (const grant of access) {
    for (const fetched of await listGrantFiles(context, grant)) {
      if (!byId.has(fetched.file.file_id)) byId.set(fetched.file.file_id, fetched);
    }
  }
  return [...byId.values()];
}
