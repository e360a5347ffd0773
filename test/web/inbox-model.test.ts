import { describe, expect, it } from 'vitest';
import { createInboxStore, filterOf, selectedMessageOf } from '../../src/renderer/src/stores/inbox-store';
import {
  checkDraft,
  emptyDraft,
  replySubject,
  requestedFieldsOf,
} from '../../src/renderer/src/views/inbox/compose-model';
import {
  buildInboxModel,
  filterMessages,
  previewOf,
  threadOf,
} from '../../src/renderer/src/views/inbox/inbox-model';
import { appLinkOf, fieldLinksOf, webActionOf } from '../../src/renderer/src/views/inbox/message-links';
import {
  formatAmount,
  formatBytes,
  hasFollowedStatus,
  messageStatusPresentation,
  messageTypeLabel,
} from '../../src/renderer/src/views/inbox/message-wording';
import { message } from './inbox-fixtures';

describe('inbox model', () => {
  const root = message('m1', {
    created: '2025-03-01T09:00:00Z',
    modified: '2025-03-01T09:00:00Z',
    read: true,
  });
  const reply = message('m2', {
    created: '2025-03-02T09:00:00Z',
    modified: '2025-03-02T09:00:00Z',
    threadId: 'm1',
    previousUri: root.uri,
    fromServer: false,
    read: true,
  });
  const request = message('m3', {
    type: 'server_request',
    status: 'open',
    effectiveStatus: 'open',
    outstanding: true,
    modified: '2025-03-03T09:00:00Z',
  });
  const model = buildInboxModel({ messages: [root, request, reply] });

  it('orders newest modified first, counts the sections and rebuilds threads oldest first (§6.8)', () => {
    expect(model.messages.map((m) => m.messageId)).toEqual(['m3', 'm2', 'm1']);
    expect(model.counts).toEqual({ all: 3, unread: 1, outstanding: 1, read: 2 });
    expect(threadOf(model, reply).map((m) => m.messageId)).toEqual(['m1', 'm2']);
    expect(threadOf(model, request).map((m) => m.messageId)).toEqual(['m3']);
  });

  it('puts the thread root first when a Server stamps a request and its update in the same second', () => {
    const asked = message('r1', { type: 'support_request', created: '2025-03-01T09:00:00Z' });
    const update = message('u1', {
      type: 'request_update',
      created: '2025-03-01T09:00:00Z',
      modified: '2025-03-01T09:00:00Z',
      threadId: 'r1',
    });
    const tied = buildInboxModel({ messages: [update, asked] });
    expect(threadOf(tied, update).map((m) => m.messageId)).toEqual(['r1', 'u1']);
  });

  it('filters by section', () => {
    expect(filterMessages(model, 'unread').map((m) => m.messageId)).toEqual(['m3']);
    expect(filterMessages(model, 'outstanding').map((m) => m.messageId)).toEqual(['m3']);
    expect(filterMessages(model, 'read').map((m) => m.messageId)).toEqual(['m2', 'm1']);
    expect(filterMessages(model, 'all')).toBe(model.messages);
  });

  it('previews a body on one line', () => {
    expect(previewOf('Hello\n\n  world')).toBe('Hello world');
    expect(previewOf('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('message wording and links', () => {
  it('names types and statuses, and shows a status only where it means something (§6.2, §6.3)', () => {
    expect(messageTypeLabel('server_request')).toBe('Request for information');
    expect(messageTypeLabel('brand_new_type')).toBe('Brand new type');
    expect(messageStatusPresentation('open')).toEqual({ tone: 'warning', label: 'Needs your action' });
    expect(messageStatusPresentation('on_hold')).toEqual({ tone: 'neutral', label: 'On hold' });
    expect(hasFollowedStatus({ type: 'private_message', effectiveStatus: 'complete' })).toBe(false);
    expect(hasFollowedStatus({ type: 'grant_request', effectiveStatus: 'complete' })).toBe(true);
    expect(formatBytes(3000)).toBe('3 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatAmount('25.00', 'USD')).toMatch(/25/);
    expect(formatAmount('7', 'credits')).toBe('7 credits');
    expect(formatAmount(null, 'USD')).toBeNull();
  });

  it('turns payment, online and PDF forms into browser actions, and API links into app links (§6.4)', () => {
    const pay = message('p', {
      type: 'payment_request',
      effectiveStatus: 'open',
      relatedUri: 'https://utility.example/pay/1',
      relatedType: 'payment_form',
      amount: '25.00',
      currency: 'USD',
    });
    expect(webActionOf(pay)).toMatchObject({ href: 'https://utility.example/pay/1', primary: true });
    expect(webActionOf(pay)?.label).toMatch(/^Pay .*25.* online$/);
    expect(webActionOf({ ...pay, relatedType: 'pdf_form' })?.label).toBe('Download the PDF form');
    expect(webActionOf({ ...pay, relatedType: 'online_form', effectiveStatus: 'pending' })).toMatchObject({
      label: 'Open the online form',
      primary: false,
    });
    expect(webActionOf({ ...pay, relatedUri: 'javascript:alert(1)' })).toBeNull();
    expect(webActionOf({ ...pay, relatedType: 'grant_list' })).toBeNull();
    expect(appLinkOf({ ...pay, relatedType: 'grant_list' })).toEqual({
      section: 'grants',
      label: 'See the Grants',
    });
    const signing = message('s', {
      type: 'server_request',
      object: {
        updates_requested: [
          { field: 'sig', name: 'Signature', uri: 'https://sign.example/1' },
          { field: 'x', uri: 'file:///etc' },
        ],
      },
    });
    expect(fieldLinksOf(signing)).toEqual([{ field: 'Signature', href: 'https://sign.example/1' }]);
  });
});

describe('compose checks (§6.9)', () => {
  const request = message('q1', {
    type: 'server_request',
    object: {
      updates_requested: [
        { field: 'logo_uri', name: 'Logo', description: 'Your logo' },
        { field: 'contact', description: 'Billing contact' },
      ],
    },
  });

  it('needs a subject and a body for messages and support requests', () => {
    const draft = emptyDraft('support_request');
    expect(checkDraft(draft, null)).toEqual({
      ok: false,
      errors: { subject: 'Write a subject.', body: 'Write a message.' },
    });
    const filled = { ...draft, subject: ' Help ', body: 'Tokens fail', relatedUri: 'ftp://x' };
    expect(checkDraft(filled, null)).toEqual({
      ok: false,
      errors: { relatedUri: 'Use a full https:// address.' },
    });
    expect(checkDraft({ ...filled, relatedUri: 'https://utility.example/oauth/token' }, null)).toEqual({
      ok: true,
      input: {
        type: 'support_request',
        subject: 'Help',
        body: 'Tokens fail',
        relatedUri: 'https://utility.example/oauth/token',
      },
    });
  });

  it('replies with previous_uri and attachments, prefilling "Re:"', () => {
    const original = message('o1', { name: 'Welcome' });
    const draft = emptyDraft('private_message', original);
    expect(draft.subject).toBe('Re: Welcome');
    expect(replySubject('RE: Welcome')).toBe('RE: Welcome');
    const check = checkDraft(
      { ...draft, body: 'Thanks', attachments: [{ id: 'a', filename: 'a.pdf', size: 3, base64: 'AAAA' }] },
      original,
    );
    expect(check).toEqual({
      ok: true,
      input: {
        type: 'private_message',
        subject: 'Re: Welcome',
        body: 'Thanks',
        replyTo: 'o1',
        attachments: [{ filename: 'a.pdf', base64: 'AAAA' }],
      },
    });
    const tooBig = checkDraft(
      {
        ...draft,
        body: 'x',
        attachments: [{ id: 'b', filename: 'big', size: 11 * 1024 * 1024, base64: '' }],
      },
      original,
    );
    expect(tooBig.ok).toBe(false);
  });

  it('sends a production_request for a chosen Client Object', () => {
    const draft = emptyDraft('production_request');
    expect(checkDraft(draft, null)).toMatchObject({ ok: false, errors: { client: expect.any(String) } });
    expect(checkDraft({ ...draft, clientId: 'c-1' }, null)).toEqual({
      ok: true,
      input: { type: 'production_request', clientId: 'c-1' },
    });
  });

  it('builds grants_requested with optional authorization details, for ours or another Client Object (§6.6)', () => {
    const draft = emptyDraft('grant_request');
    expect(checkDraft(draft, null)).toMatchObject({
      ok: false,
      errors: { client: expect.any(String), grants: expect.any(String) },
    });
    const ours = {
      ...draft,
      clientId: 'c-2',
      grants: [{ scope: 'cds_accounts_1', details: '' }],
      body: 'Self grant',
    };
    expect(checkDraft(ours, null)).toEqual({
      ok: true,
      input: {
        type: 'grant_request',
        clientId: 'c-2',
        grantsRequested: [{ scope: 'cds_accounts_1' }],
        body: 'Self grant',
      },
    });
    const bad = { ...ours, grants: [{ scope: 'cds_accounts_1', details: '[{"no_type":1}]' }] };
    expect(checkDraft(bad, null)).toMatchObject({
      ok: false,
      errors: { grants: expect.stringContaining('"type"') },
    });
    const other = {
      ...draft,
      otherClientUri: 'https://utility.example/cds-api/v1/clients/zz',
      grants: [{ scope: 'cds_accounts_1', details: '{"type":"account_filter","accounts":["1"]}' }],
    };
    expect(checkDraft(other, null)).toEqual({
      ok: true,
      input: {
        type: 'grant_request',
        relatedUri: 'https://utility.example/cds-api/v1/clients/zz',
        grantsRequested: [
          { scope: 'cds_accounts_1', authorizationDetails: [{ type: 'account_filter', accounts: ['1'] }] },
        ],
      },
    });
  });

  it('answers the requested fields of a server_request, links as uri and text as description (§6.5)', () => {
    expect(requestedFieldsOf(request).map((field) => [field.field, field.name])).toEqual([
      ['logo_uri', 'Logo'],
      ['contact', 'contact'],
    ]);
    const draft = emptyDraft('client_submission', request);
    expect(draft.subject).toBe('');
    expect(checkDraft(draft, request)).toMatchObject({ ok: false, errors: { answers: expect.any(String) } });
    expect(checkDraft(draft, message('x'))).toMatchObject({ ok: false });
    const answered = {
      ...draft,
      answers: { logo_uri: ' https://me.example/logo.png ', contact: 'Ada', stray: 'no' },
    };
    expect(checkDraft(answered, request)).toEqual({
      ok: true,
      input: {
        type: 'client_submission',
        replyTo: 'q1',
        updates: [
          { field: 'logo_uri', uri: 'https://me.example/logo.png' },
          { field: 'contact', description: 'Ada' },
        ],
      },
    });
  });
});

describe('inbox store', () => {
  it('remembers the filter and the open Message per Server, and forgets a removed Server', () => {
    const store = createInboxStore();
    expect(filterOf(store.getState(), 's1')).toBe('all');
    store.getState().chooseFilter('s1', 'unread');
    store.getState().selectMessage('s1', 'm1');
    store.getState().selectMessage('s2', 'm9');
    expect(filterOf(store.getState(), 's1')).toBe('unread');
    expect(selectedMessageOf(store.getState(), 's1')).toBe('m1');
    const before = store.getState();
    store.getState().selectMessage('s1', 'm1');
    expect(store.getState()).toBe(before);
    store.getState().selectMessage('s1', null);
    expect(selectedMessageOf(store.getState(), 's1')).toBeNull();
    store.getState().forgetServer('s2');
    expect(selectedMessageOf(store.getState(), 's2')).toBeNull();
  });
});
