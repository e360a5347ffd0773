import { describe, expect, it } from 'vitest';
import { ComposeError, composeMessage } from '../../../src/main/cds/message-compose';
import { messageCreateRequestSchema, parseCds } from '../../../src/shared/cds/index';

const serverRequest = {
  uri: 'https://u.example/cds-api/v1/messages/s1',
  type: 'server_request',
  message_id: 's1',
  updates_requested: [{ field: 'logo_uri' }],
};
const clientUri = 'https://u.example/cds-api/v1/clients/c1';

describe('composeMessage (cds-wg1-02 §6.9)', () => {
  it('sends subject and body of a private_message, previous_uri null unless replying', () => {
    const body = composeMessage({ type: 'private_message', subject: 'Hello', body: 'Text' });
    expect(body).toEqual({ previous_uri: null, type: 'private_message', name: 'Hello', description: 'Text' });
    expect(parseCds(messageCreateRequestSchema, body, 'request')).toBeTruthy();
    const reply = composeMessage({
      type: 'support_request',
      subject: 'Re',
      body: 'More',
      replyTo: { ...serverRequest, type: 'notification' },
    });
    expect(reply.previous_uri).toBe(serverRequest.uri);
    expect('related_uri' in reply).toBe(false);
  });

  it('requires a subject and a body for messages and support requests', () => {
    expect(() => composeMessage({ type: 'support_request', body: 'x' })).toThrow(ComposeError);
    expect(() => composeMessage({ type: 'private_message', subject: 'x' })).toThrow(/body/);
    expect(() =>
      composeMessage({ type: 'private_message', subject: 'x', body: 'y', relatedUri: clientUri }),
    ).toThrow(/related/);
  });

  it('builds a client_submission with empty name and description answering a server_request', () => {
    const body = composeMessage({
      type: 'client_submission',
      replyTo: serverRequest,
      updates: [{ field: 'logo_uri', uri: 'https://me.example/logo.png' }],
    });
    expect(body).toMatchObject({
      previous_uri: serverRequest.uri,
      name: '',
      description: '',
      updates_requested: [{ field: 'logo_uri', uri: 'https://me.example/logo.png' }],
    });
    const plain = composeMessage({
      type: 'client_submission',
      replyTo: serverRequest,
      body: 'https://me.example/logo.svg',
    });
    expect(plain.updates_requested).toEqual([{ field: 'logo_uri', uri: 'https://me.example/logo.svg' }]);
    expect(() => composeMessage({ type: 'client_submission', body: 'x' })).toThrow(/server_request/);
    expect(() =>
      composeMessage({
        type: 'client_submission',
        replyTo: { ...serverRequest, type: 'notification' },
        body: 'x',
      }),
    ).toThrow(/notification/);
    expect(() =>
      composeMessage({
        type: 'client_submission',
        replyTo: serverRequest,
        updates: [{ field: 'other', description: 'x' }],
      }),
    ).toThrow(/did not ask/);
  });

  it('builds production and grant requests with related_uri', () => {
    expect(composeMessage({ type: 'production_request', relatedUri: clientUri })).toMatchObject({
      type: 'production_request',
      related_uri: clientUri,
      previous_uri: null,
    });
    expect(() => composeMessage({ type: 'production_request' })).toThrow(/sandbox Client Object/);
    const grant = composeMessage({
      type: 'grant_request',
      relatedUri: clientUri,
      grantsRequested: [{ scope: 'cds_x', authorizationDetails: [{ type: 'cds_x', a: 1 }] }],
    });
    expect(grant.grants_requested).toEqual([
      { scope: 'cds_x', authorization_details: [{ type: 'cds_x', a: 1 }] },
    ]);
    expect(() => composeMessage({ type: 'grant_request', relatedUri: clientUri })).toThrow(/at least one/);
    expect(() => composeMessage({ type: 'grant_request', grantsRequested: [{ scope: 'a' }] })).toThrow(
      /receive/,
    );
  });

  it('passes attachments through', () => {
    const attachments = [{ filename: 'a.pdf', mime_type: 'application/pdf', data: 'JVBERi0=' }];
    expect(
      composeMessage({ type: 'private_message', subject: 's', body: 'b', attachments }).attachments,
    ).toEqual(attachments);
  });
});
