import type { Message } from '../../shared/cds/index';

// cds-wg1-02 §5.3 and §7.3: Servers add a Message whenever a Client Object or a Credential is
// added, removed or modified after registration ("a changelog in the Messages listing"), and §6
// makes Servers mirror every official change to Client Objects and Grants as Messages. So a poll
// reads the Messages first and refreshes only the areas a new Message is about.

export type RefreshArea = 'clients' | 'credentials' | 'grants' | 'files';

export interface ApiEndpoints {
  readonly cds_clients_api: string;
  readonly cds_credentials_api: string;
  readonly cds_grants_api: string;
  readonly cds_server_provided_files_api?: string | undefined;
}

// §6.4 related types naming an area.
const BY_RELATED_TYPE: Readonly<Record<string, readonly RefreshArea[]>> = {
  client: ['clients', 'credentials'],
  client_list: ['clients', 'credentials'],
  credential: ['credentials'],
  credential_list: ['credentials'],
  grant: ['grants', 'files'],
  grant_list: ['grants', 'files'],
};

// §6.2: what a request's outcome changes.
const BY_REQUEST_TYPE: Readonly<Record<string, readonly RefreshArea[]>> = {
  production_request: ['clients', 'credentials'],
  grant_request: ['grants', 'files'],
  field_changes: ['clients', 'grants'],
};

const startsWith = (uri: string, base: string | undefined): boolean => {
  if (!base) return false;
  try {
    const a = new URL(uri);
    const b = new URL(base);
    return (
      a.origin === b.origin &&
      (a.pathname === b.pathname || a.pathname.startsWith(`${b.pathname.replace(/\/$/, '')}/`))
    );
  } catch {
    return false;
  }
};

/**
 * The areas the new or changed Messages say need a refresh: by `related_type`, by the API their
 * `related_uri` points into, and for a request_update by the type of the request it answers.
 */
export function areasToRefresh(
  changed: ReadonlyArray<Pick<Message, 'type' | 'previous_uri' | 'related_uri' | 'related_type'>>,
  all: ReadonlyArray<Pick<Message, 'uri' | 'type'>>,
  endpoints: ApiEndpoints,
): RefreshArea[] {
  const areas = new Set<RefreshArea>();
  const typeByUri = new Map(all.map((message) => [message.uri, message.type]));
  for (const message of changed) {
    for (const area of BY_RELATED_TYPE[message.related_type ?? ''] ?? []) areas.add(area);
    const related = message.related_uri ?? null;
    if (related !== null) {
      if (startsWith(related, endpoints.cds_clients_api)) {
        areas.add('clients');
        areas.add('credentials');
      }
      if (startsWith(related, endpoints.cds_credentials_api)) areas.add('credentials');
      if (startsWith(related, endpoints.cds_grants_api)) {
        areas.add('grants');
        areas.add('files');
      }
      if (startsWith(related, endpoints.cds_server_provided_files_api)) areas.add('files');
    }
    for (const area of BY_REQUEST_TYPE[message.type] ?? []) areas.add(area);
    if (message.type === 'request_update' && message.previous_uri !== null) {
      const answered = typeByUri.get(message.previous_uri);
      for (const area of BY_REQUEST_TYPE[answered ?? ''] ?? []) areas.add(area);
    }
  }
  const order: RefreshArea[] = ['clients', 'credentials', 'grants', 'files'];
  return order.filter((area) => areas.has(area));
}
