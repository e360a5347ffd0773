import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CdsError } from '../../../src/main/cds/errors';
import { CUSTOMER_DATA_SCOPE } from '../../../src/sandbox/index';
import { type AreaWorld, clientIdOf, eventsNamed, registeredWorld, tempDir } from './support';

// Messages (cds-wg1-02 §6) through the Companion against the sandbox with 2 items per page, so
// every section needs several pages (§6.8).

let world: AreaWorld;
const files = tempDir('cds-attach-');

beforeAll(async () => {
  world = await registeredWorld({ pageSize: 2 });
  for (let i = 1; i <= 5; i += 1) {
    world.sandbox.control.notify({
      registrationId: world.registrationId,
      name: `Notice ${i}`,
      description: `Body ${i}`,
    });
  }
});

afterAll(async () => {
  await world.close();
  await rm(files, { recursive: true, force: true });
});

describe('Messages', () => {
  it('reads every page of every section and counts unread Messages', async () => {
    const all = world.sandbox.control.messages(world.registrationId);
    const listed = await world.api['messages.list'](world.serverId);
    expect(listed.messages.map((m) => m.messageId).sort()).toEqual(
      all.map((m) => String(m.message_id)).sort(),
    );
    const unread = all.filter((m) => m.read === false).length;
    expect(unread).toBeGreaterThan(2);
    expect(listed.unreadCount).toBe(unread);
    const onlyUnread = await world.api['messages.list'](world.serverId, { section: 'unread', cached: true });
    expect(onlyUnread.messages.every((m) => !m.read)).toBe(true);
    expect(onlyUnread.messages).toHaveLength(unread);
    // More than one page per section was read (§6.8: each section on its own).
    const pages = world.sandbox.control.requestLog({ method: 'GET', path: '/cds-api/v1/messages' });
    expect(pages.some((entry) => entry.url.includes('section=unread'))).toBe(true);
    const [summary] = await world.api['servers.list']();
    expect(summary?.unreadCount).toBe(unread);
    expect((await world.api['messages.counts']())[0]).toMatchObject({
      serverId: world.serverId,
      unreadCount: unread,
    });
  });

  it('marks a Message read and unread (PATCH read, §6.11) and reports new counts', async () => {
    const listed = await world.api['messages.list'](world.serverId, { section: 'unread', cached: true });
    const target = listed.messages[0];
    if (!target) throw new Error('no unread Message');
    const read = await world.api['messages.markRead'](world.serverId, target.messageId, true);
    expect(read.read).toBe(true);
    const counts = eventsNamed(world, 'messages.changed').at(-1);
    expect(counts?.unreadCount).toBe(listed.unreadCount - 1);
    const unread = await world.api['messages.markRead'](world.serverId, target.messageId, false);
    expect(unread.read).toBe(false);
    expect(eventsNamed(world, 'messages.changed').at(-1)?.unreadCount).toBe(listed.unreadCount);
    await expect(world.api['messages.markRead'](world.serverId, 'no-such-id', true)).rejects.toThrow(
      /no Message no-such-id/,
    );
  });

  it('sends a support_request, rebuilds the thread from previous_uri and follows its effective status', async () => {
    const sent = await world.api['messages.send'](world.serverId, {
      type: 'support_request',
      subject: 'Help',
      body: 'Our tokens fail.',
    });
    expect(sent).toMatchObject({
      type: 'support_request',
      status: 'pending',
      effectiveStatus: 'pending',
      name: 'Help',
      creator: world.adminClientId,
    });
    world.sandbox.control.privateMessage({
      registrationId: world.registrationId,
      name: 'Re: Help',
      description: 'Which client?',
      previousUri: sent.uri,
    });
    await world.api['messages.list'](world.serverId);
    const reply = (await world.api['messages.list'](world.serverId, { cached: true })).messages.find(
      (m) => m.name === 'Re: Help',
    );
    const answer = await world.api['messages.send'](world.serverId, {
      type: 'private_message',
      subject: 'Re: Re: Help',
      body: 'The accounts one.',
      replyTo: reply?.messageId ?? '',
    });
    expect(answer.previousUri).toBe(reply?.uri);
    world.sandbox.control.approve(sent.messageId, 'Fixed on our side.');
    const detail = await world.api['messages.get'](world.serverId, answer.messageId);
    expect(detail.thread.rootId).toBe(sent.messageId);
    expect(detail.thread.messages.filter((m) => m.type !== 'request_update').map((m) => m.name)).toEqual([
      'Help',
      'Re: Help',
      'Re: Re: Help',
    ]);
    const request = detail.thread.messages.find((m) => m.messageId === sent.messageId);
    expect(request?.effectiveStatus).toBe('complete');
    expect(request?.updatedBy).not.toBeNull();
  });

  it('sends a production_request by client id and shows the rejection as its effective status', async () => {
    const clientId = clientIdOf(world, CUSTOMER_DATA_SCOPE);
    const sent = await world.api['messages.send'](world.serverId, { type: 'production_request', clientId });
    expect(sent.relatedUri).toContain(clientId);
    world.sandbox.control.reject(sent.messageId, 'Your privacy policy is missing.');
    const listed = await world.api['messages.list'](world.serverId);
    const request = listed.messages.find((m) => m.messageId === sent.messageId);
    expect(request).toMatchObject({ status: 'rejected', effectiveStatus: 'rejected' });
    const update = listed.messages.find((m) => m.messageId === request?.updatedBy);
    expect(update).toMatchObject({
      type: 'request_update',
      description: 'Your privacy policy is missing.',
      threadId: sent.messageId,
    });
  });

  it('sends a grant_request and, once approved, links the Grants created (§6.3 grant_list)', async () => {
    const clientId = clientIdOf(world, CUSTOMER_DATA_SCOPE);
    const sent = await world.api['messages.send'](world.serverId, {
      type: 'grant_request',
      clientId,
      body: 'Self-grant for our own account.',
      grantsRequested: [{ scope: CUSTOMER_DATA_SCOPE }],
    });
    expect(sent.object.grants_requested).toEqual([{ scope: CUSTOMER_DATA_SCOPE, authorization_details: [] }]);
    world.sandbox.control.approve(sent.messageId);
    const listed = await world.api['messages.list'](world.serverId);
    const request = listed.messages.find((m) => m.messageId === sent.messageId);
    expect(request).toMatchObject({ effectiveStatus: 'complete', relatedType: 'grant_list' });
    expect(request?.relatedUri).toMatch(/grants\?grant_ids=/);
  });

  it('answers a server_request with a client_submission (empty name and description)', async () => {
    const asked = world.sandbox.control.serverRequest({
      registrationId: world.registrationId,
      name: 'Need your logo',
      description: 'Send a logo URL.',
      fields: [{ field: 'logo_uri', name: 'Logo', description: 'Your logo' }],
    });
    await world.api['messages.list'](world.serverId);
    await expect(
      world.api['messages.send'](world.serverId, {
        type: 'client_submission',
        replyTo: String(asked.message_id),
        updates: [{ field: 'tos_uri', uri: 'https://x.example/tos' }],
      }),
    ).rejects.toThrow(/did not ask for "tos_uri"/);
    const sent = await world.api['messages.send'](world.serverId, {
      type: 'client_submission',
      replyTo: String(asked.message_id),
      body: 'https://area.example/logo.png',
    });
    expect(sent.object).toMatchObject({
      name: '',
      description: '',
      status: 'complete',
      updates_requested: [{ field: 'logo_uri', uri: 'https://area.example/logo.png' }],
    });
    const listed = await world.api['messages.list'](world.serverId, { cached: true });
    // §6.9: answering an open server_request makes it pending.
    expect(listed.messages.find((m) => m.messageId === asked.message_id)?.status).toBe('pending');
  });

  it('attaches files with detected MIME types and saves received attachments without overwriting', async () => {
    const pdf = path.join(files, 'letter of authorization.pdf');
    await writeFile(pdf, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 7)]));
    const unknown = path.join(files, 'blob.zzz-unknown');
    await writeFile(unknown, 'raw');
    const sent = await world.api['messages.send'](world.serverId, {
      type: 'private_message',
      subject: 'Documents',
      body: 'Attached.',
      attachments: [
        { path: pdf },
        { path: unknown },
        { filename: 'note.txt', base64: Buffer.from('hi').toString('base64') },
      ],
    });
    expect(sent.attachments).toEqual([
      { index: 0, filename: 'letter of authorization.pdf', mimeType: 'application/pdf', size: 2009 },
      { index: 1, filename: 'blob.zzz-unknown', mimeType: 'application/octet-stream', size: 3 },
      { index: 2, filename: 'note.txt', mimeType: 'text/plain', size: 2 },
    ]);
    // Attachment data is not kept in the cache or the view.
    const pdfBase64 = (await readFile(pdf)).toString('base64').slice(0, 40);
    expect(JSON.stringify(sent.object)).not.toContain(pdfBase64);
    // The cache is written behind (ADR 0003): what reaches the disk is checked.
    await world.companion.flush();
    const cacheText = await readFile(path.join(world.dataDir, 'state', 'messages.json'), 'utf8');
    expect(cacheText).not.toContain(pdfBase64);
    expect(cacheText).toContain('"size": 2009');
    const out = tempDir('cds-saved-');
    await writeFile(path.join(out, 'letter of authorization.pdf'), 'existing');
    const saved = await world.api['messages.saveAttachment'](world.serverId, sent.messageId, 0, out);
    expect(path.basename(saved.path)).toBe('letter of authorization (1).pdf');
    expect((await readFile(saved.path)).subarray(0, 8).toString()).toBe('%PDF-1.7');
    expect(await readFile(path.join(out, 'letter of authorization.pdf'), 'utf8')).toBe('existing');
    await rm(out, { recursive: true, force: true });
  });

  it('refuses attachments over 10 MB locally, sending nothing', async () => {
    const big = path.join(files, 'big.bin');
    await writeFile(big, Buffer.alloc(10 * 1024 * 1024 + 1));
    world.sandbox.control.clearRequestLog();
    const error = await world.api['messages.send'](world.serverId, {
      type: 'support_request',
      subject: 'Big',
      body: 'x',
      attachments: [{ path: big }],
    }).catch((e) => e);
    expect(error).toBeInstanceOf(CdsError);
    expect(error.userMessage).toMatch(
      /Area utility: the attachments total 10 MB \(10,485,761 bytes\), more than the 10 MB \(10,485,760 bytes\) every Server must accept/,
    );
    expect(world.sandbox.control.requestLog({ method: 'POST', path: '/cds-api/v1/messages' })).toHaveLength(
      0,
    );
  });

  it('explains a 413 from the Server', async () => {
    world.sandbox.control.injectFault({ method: 'POST', path: '/cds-api/v1/messages', status: 413 });
    const error = await world.api['messages.send'](world.serverId, {
      type: 'private_message',
      subject: 'Scan',
      body: 'x',
      attachments: [{ filename: 'scan.png', base64: Buffer.alloc(100).toString('base64') }],
    }).catch((e) => e);
    expect(error).toBeInstanceOf(CdsError);
    expect(error.userMessage).toMatch(/attachments are larger than it accepts \(413 Content Too Large\)/);
  });

  it('checks the §6.9 rules before sending', async () => {
    await expect(
      world.api['messages.send'](world.serverId, { type: 'private_message', body: 'no subject' }),
    ).rejects.toThrow(/needs a subject/);
    await expect(world.api['messages.send'](world.serverId, { type: 'production_request' })).rejects.toThrow(
      /sandbox Client Object/,
    );
  });
});
