import { describe, expect, it } from 'vitest';
import { areasToRefresh } from '../../../src/main/companion/sync-changelog';

const endpoints = {
  cds_clients_api: 'https://u.example/cds-api/v1/clients',
  cds_credentials_api: 'https://u.example/cds-api/v1/credentials',
  cds_grants_api: 'https://u.example/cds-api/v1/grants',
  cds_server_provided_files_api: 'https://u.example/cds-api/v1/server-provided-files',
};
const note = (fields: Record<string, unknown>) => ({
  type: 'notification',
  previous_uri: null,
  related_uri: null,
  ...fields,
});

describe('changelog-driven refresh (cds-wg1-02 §5.3, §7.3)', () => {
  it('maps related types and related URIs to areas', () => {
    expect(
      areasToRefresh(
        [note({ related_type: 'client', related_uri: `${endpoints.cds_clients_api}/c1` })],
        [],
        endpoints,
      ),
    ).toEqual(['clients', 'credentials']);
    expect(
      areasToRefresh([note({ related_uri: `${endpoints.cds_credentials_api}/k1` })], [], endpoints),
    ).toEqual(['credentials']);
    expect(areasToRefresh([note({ related_type: 'grant' })], [], endpoints)).toEqual(['grants', 'files']);
    expect(
      areasToRefresh(
        [note({ related_type: 'documentation', related_uri: 'https://u.example/docs' })],
        [],
        endpoints,
      ),
    ).toEqual([]);
  });

  it('follows a request_update to the request it answers', () => {
    const request = { uri: 'https://u.example/cds-api/v1/messages/m1', type: 'production_request' };
    const update = { type: 'request_update', previous_uri: request.uri, related_uri: null };
    expect(areasToRefresh([update], [request], endpoints)).toEqual(['clients', 'credentials']);
  });

  it('does not mistake a sibling path for an API', () => {
    expect(
      areasToRefresh([note({ related_uri: 'https://u.example/cds-api/v1/clientsx/1' })], [], endpoints),
    ).toEqual([]);
  });
});
