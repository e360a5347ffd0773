import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Companion } from '../../src/main/companion/companion';
import { CUSTOMER_DATA_SCOPE, type RunningSandbox } from '../../src/sandbox/index';
import { ComposeDialogPage, InboxPage } from './pages/inbox-page';
import { seriousA11yViolations } from './support/accessibility';
import type { E2eApp } from './support/e2e-app';
import { setUpE2eSuite } from './support/e2e-suite';
import { saveScreenshot } from './support/screenshots';

// The Inbox in Debian's chromium: the built renderer through the web harness over the real Companion,
// registered with the sandbox CDS Server on 127.0.0.1 (every call is real HTTP). The sandbox's
// operator side (control) plays the utility's staff.

const serverName = 'Sandbox Utility';

interface InboxWorld {
  readonly app: E2eApp;
  readonly sandbox: RunningSandbox;
  readonly companion: Companion;
  readonly registrationId: string;
  readonly downloads: string;
}

const e2e = setUpE2eSuite();

async function openInboxWorld(
  prepare?: (sandbox: RunningSandbox, registrationId: string) => void,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<InboxWorld> {
  const app = await e2e.openRegisteredApp({ serverName, colorScheme, ...(prepare ? { prepare } : {}) });
  return {
    app,
    sandbox: app.server,
    companion: app.companion,
    registrationId: app.adminClientId,
    downloads: app.downloadDir,
  };
}

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 42)]);

describe('Inbox', () => {
  it('shows a private message, replies to it with an attachment, and saves an attachment', async () => {
    const world = await openInboxWorld((sandbox, registrationId) => {
      sandbox.control.notify({
        registrationId,
        name: 'Maintenance on Sunday',
        description: 'The API is down 02:00–03:00.',
      });
      sandbox.control.privateMessage({
        registrationId,
        name: 'About your application',
        description: 'Could you send us a signed letter of authorization?\n\nThanks, the onboarding team',
      });
    });
    const { app, sandbox } = world;
    const inbox = await InboxPage.open(app.page, serverName);
    await inbox.row('About your application').waitFor();
    const unread = sandbox.control.messages(world.registrationId).filter((m) => m.read === false).length;
    await expect(inbox.filter('Unread').textContent()).resolves.toBe(`Unread${unread}`);
    await saveScreenshot(app.page, 'inbox');
    expect(await seriousA11yViolations(app.page)).toEqual([]);

    await inbox.openMessage('About your application');
    await expect(inbox.thread.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
      'About your application',
    );
    await inbox.threadButton('Reply').click();
    const reply = new ComposeDialogPage(app.page);
    await reply.root.waitFor();
    await expect(reply.field('Subject').inputValue()).resolves.toBe('Re: About your application');
    await reply.field('Message').fill('Here is the signed letter.');
    await reply.attach([{ name: 'letter of authorization.pdf', mimeType: 'application/pdf', buffer: pdf }]);
    await expect(reply.attachedFile('letter of authorization.pdf').textContent()).resolves.toContain('3 KB');
    await saveScreenshot(app.page, 'inbox-compose-reply');
    expect(await seriousA11yViolations(app.page)).toEqual([]);
    await reply.send();
    await inbox.toastText('Message sent');

    // The reply joins the conversation, with its attachment, and reached the Server (§6.9, §6.7).
    await inbox.threadMessage('Here is the signed letter.').waitFor();
    await expect(
      inbox.thread
        .getByRole('listitem')
        .filter({ has: app.page.locator('article') })
        .count(),
    ).resolves.toBe(2);
    const sent = sandbox.control
      .messages(world.registrationId)
      .find((m) => m.description === 'Here is the signed letter.');
    expect(sent).toMatchObject({ type: 'private_message', name: 'Re: About your application' });
    const original = sandbox.control
      .messages(world.registrationId)
      .find((m) => m.name === 'About your application');
    expect(sent?.previous_uri).toBe(original?.uri);
    expect(sent?.attachments).toMatchObject([
      {
        filename: 'letter of authorization.pdf',
        data: pdf.toString('base64'),
      },
    ]);
    for (const dismiss of await app.page.locator('.toast').getByRole('button', { name: 'Dismiss' }).all()) {
      await dismiss.click();
    }
    await app.page.locator('.toast').first().waitFor({ state: 'detached' });
    await saveScreenshot(app.page, 'inbox-thread');
    expect(await seriousA11yViolations(app.page)).toEqual([]);

    // Saved on click, into the download folder.
    await inbox
      .threadMessage('Here is the signed letter.')
      .getByRole('button', { name: 'Save letter of authorization.pdf' })
      .click();
    await inbox.toastText('Saved letter of authorization.pdf');
    const saved = await readdir(world.downloads);
    expect(saved).toEqual(['letter of authorization.pdf']);
    expect((await readFile(join(world.downloads, 'letter of authorization.pdf'))).equals(pdf)).toBe(true);
  });

  it('marks a Message read on opening, then unread and read again with the buttons', async () => {
    const world = await openInboxWorld((sandbox, registrationId) => {
      sandbox.control.privateMessage({
        registrationId,
        name: 'Your token limits',
        description: 'We raised them.',
      });
    }, 'dark');
    const { app, sandbox } = world;
    const readFlag = () =>
      sandbox.control.messages(world.registrationId).find((m) => m.name === 'Your token limits')?.read;
    const inbox = await InboxPage.open(app.page, serverName);
    const row = inbox.row('Your token limits');
    await expect(row.getAttribute('class')).resolves.toContain('message-row--unread');
    // The sidebar badge counts every unread Message of the Server (registration sent some too).
    const unreadOnServer = () =>
      sandbox.control.messages(world.registrationId).filter((m) => m.read === false).length;
    const sidebar = app.page.getByRole('navigation', { name: 'Main' });
    const expectBadge = async (count: number) => {
      if (count === 0) {
        await expect.poll(() => sidebar.getByRole('img', { name: /unread message/ }).count()).toBe(0);
        return;
      }
      await sidebar.getByRole('img', { name: `${count} unread message${count === 1 ? '' : 's'}` }).waitFor();
    };
    const before = unreadOnServer();
    await expectBadge(before);

    await inbox.openMessage('Your token limits');
    await expect.poll(readFlag).toBe(true);
    await expect.poll(() => row.getAttribute('class')).not.toContain('message-row--unread');
    await expectBadge(before - 1);

    await inbox.threadButton('Mark as unread').click();
    await inbox.toastText('Marked as unread');
    await expect.poll(readFlag).toBe(false);
    await expect.poll(() => row.getAttribute('class')).toContain('message-row--unread');
    await expectBadge(before);

    // The same view in the system's dark mode.
    await saveScreenshot(app.page, 'inbox-thread-dark');
    expect(await seriousA11yViolations(app.page)).toEqual([]);

    await inbox.threadButton('Mark as read').click();
    await expect.poll(readFlag).toBe(true);
    await expectBadge(before - 1);
    await inbox.filter('Read').click();
    await inbox.row('Your token limits').waitFor();
    await inbox.filter('Unread').click();
    await expect(inbox.row('Your token limits').count()).resolves.toBe(0);
  });

  it('scrolls a long Inbox: every row shows its own Message, a jump refills the same row elements', async () => {
    const world = await openInboxWorld((sandbox, registrationId) => {
      for (let i = 0; i < 300; i += 1) {
        sandbox.control.notify({ registrationId, name: `Notice ${i}`, description: `Body of notice ${i}` });
      }
    });
    const { app, companion } = world;
    const inbox = await InboxPage.open(app.page, serverName);
    const api = companion.api.handlers;
    const [server] = await api['servers.list']();
    const cached = () => api['messages.list'](server?.id ?? '', { cached: true });
    // Opening the Inbox reads the Server, which brings the 300 notices into the cached listing.
    await expect.poll(async () => (await cached()).messages.length).toBeGreaterThan(300);
    const listed = await cached();
    const subjects = new Map(listed.messages.map((m) => [m.messageId, m.name]));
    await expect
      .poll(() => inbox.list.getByRole('option').first().getAttribute('aria-setsize'))
      .toBe(String(listed.messages.length));
    const rows = () =>
      inbox.list.evaluate((list) =>
        [...list.querySelectorAll('[role=option]')].map((row) => ({
          position: Number(row.getAttribute('aria-posinset')),
          messageId: row.getAttribute('data-message-id') ?? '',
          subject: row.querySelector('.message-row__subject-text')?.textContent ?? '',
          tag: row.getAttribute('data-e2e-tag'),
        })),
      );
    const tagRows = (tag: string) =>
      inbox.list.evaluate((list, value) => {
        for (const row of list.querySelectorAll('[role=option]')) row.setAttribute('data-e2e-tag', value);
      }, tag);
    // Scrolls, waits for the row at `position` and then for the list to settle (the virtualiser adds
    // the overscan behind the scroll once scrolling has stopped for 150 ms).
    const scrollTo = async (top: number, position: number) => {
      await inbox.list.evaluate((list, value) => {
        list.scrollTop = value;
      }, top);
      await expect.poll(async () => (await rows()).some((row) => row.position === position)).toBe(true);
      let last = '';
      for (let shown = JSON.stringify(await rows()); shown !== last; shown = JSON.stringify(await rows())) {
        last = shown;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    };
    // Consecutive positions in list order, each row with its own Message's subject.
    const expectOwnMessages = (shown: Awaited<ReturnType<typeof rows>>) => {
      const first = shown[0]?.position ?? 0;
      expect(shown.map((row) => row.position)).toEqual(shown.map((_, offset) => first + offset));
      for (const row of shown) expect(row.subject).toBe(subjects.get(row.messageId));
    };
    // The unread dot names the state: an unread option's accessible name starts with it.
    await expect(inbox.list.getByRole('option', { name: /^Unread .*Notice \d+/ }).count()).resolves.toBe(
      (await rows()).length,
    );

    const before = await rows();
    expectOwnMessages(before);
    await tagRows('first');
    await scrollTo(84 * 150, 152);
    const jumped = await rows();
    expectOwnMessages(jumped);
    // No row stayed: the rows in view took over the elements of the rows that were.
    expect(jumped.filter((row) => row.tag === 'first')).toHaveLength(before.length);

    await tagRows('second');
    await scrollTo(84 * 151, Math.max(...jumped.map((row) => row.position)) + 1);
    const stepped = await rows();
    expectOwnMessages(stepped);
    // One row further: the rows in view before and after keep their elements, at their positions with
    // their Messages; the row that came into view is a new element.
    const stayed = new Map(jumped.map((row) => [row.position, row.messageId]));
    const kept = stepped.filter((row) => row.tag === 'second');
    expect(kept.length).toBeGreaterThanOrEqual(5);
    for (const row of kept) expect(row.messageId).toBe(stayed.get(row.position));
    expect(stepped.some((row) => row.tag === null && !stayed.has(row.position))).toBe(true);
    expect(await seriousA11yViolations(app.page)).toEqual([]);
  });

  it('composes a support_request and follows its status', async () => {
    const world = await openInboxWorld();
    const { app, sandbox } = world;
    const inbox = await InboxPage.open(app.page, serverName);
    await inbox.list.waitFor();

    const compose = await inbox.openCompose();
    await compose.chooseKind('Support request');
    await compose.pressSend();
    // Nothing filled in: the form says what is missing instead of sending.
    await compose.root.getByText('Write a subject.').waitFor();
    await compose.field('Subject').fill('Token endpoint answers 500');
    await compose.field('Message').fill('Since this morning every token request fails.');
    await compose.field(/API address/).fill(`${new URL(sandbox.metadataUrl).origin}/oauth/token`);
    await saveScreenshot(app.page, 'inbox-compose');
    expect(await seriousA11yViolations(app.page)).toEqual([]);
    await compose.send();
    await inbox.toastText('Support request sent');

    await inbox.thread.getByRole('heading', { level: 2, name: 'Token endpoint answers 500' }).waitFor();
    await inbox.thread.getByText('Waiting for the Server').first().waitFor();
    const sent = sandbox.control.messages(world.registrationId).find((m) => m.type === 'support_request');
    expect(sent).toMatchObject({ name: 'Token endpoint answers 500', status: 'pending' });

    // The Server resolves it: the request_update overrides the status (§6.2).
    sandbox.control.approve(String(sent?.message_id), 'Fixed on our side.');
    await inbox.toolbarButton('Check for new Messages').click();
    await inbox.thread.getByText('Fixed on our side.').waitFor();
    await inbox.thread.locator('.message-thread__title-block').getByText('Complete').waitFor();
  });

  it('answers a server_request with a client_submission', async () => {
    const world = await openInboxWorld((sandbox, registrationId) => {
      sandbox.control.serverRequest({
        registrationId,
        name: 'We need two things',
        description: 'Please send your logo and a billing contact.',
        fields: [
          { field: 'logo_uri', name: 'Logo', description: 'A link to your logo (PNG).' },
          { field: 'billing_contact', name: 'Billing contact', description: 'Who receives invoices.' },
        ],
      });
    });
    const { app, sandbox } = world;
    const inbox = await InboxPage.open(app.page, serverName);
    await inbox.filter('Outstanding').click();
    await inbox.openMessage('We need two things');
    await inbox.thread.getByText('Needs your action').first().waitFor();
    await inbox.threadButton('Answer this request').click();
    const answer = new ComposeDialogPage(app.page);
    await answer.root.waitFor();
    await answer.field('Logo').fill('https://inbox-tests.example/logo.png');
    await answer.field('Billing contact').fill('billing@inbox-tests.example');
    await saveScreenshot(app.page, 'inbox-answer-request');
    expect(await seriousA11yViolations(app.page)).toEqual([]);
    await answer.send('Send answer');
    await inbox.toastText('Your answer sent');

    const submission = sandbox.control
      .messages(world.registrationId)
      .find((m) => m.type === 'client_submission');
    expect(submission).toMatchObject({
      name: '',
      description: '',
      updates_requested: [
        { field: 'logo_uri', uri: 'https://inbox-tests.example/logo.png' },
        { field: 'billing_contact', description: 'billing@inbox-tests.example' },
      ],
    });
    // §6.9: the answered request is now pending, and the answer shows in the conversation.
    await inbox.threadMessage('Answers sent').waitFor();
    await inbox.thread.locator('.message-thread__title-block').getByText('Waiting for the Server').waitFor();
  });

  it('sends a grant_request from its form and moves through the list by keyboard', async () => {
    const world = await openInboxWorld((sandbox, registrationId) => {
      for (let i = 1; i <= 3; i += 1)
        sandbox.control.notify({ registrationId, name: `Notice ${i}`, description: `Body ${i}` });
    });
    const { app, sandbox } = world;
    const inbox = await InboxPage.open(app.page, serverName);
    const compose = await inbox.openCompose();
    await compose.chooseKind('Grant request');
    await compose.root.getByRole('radiogroup', { name: 'Client Object to receive the Grants' }).waitFor();
    await compose
      .choice(new RegExp(`\\(${CUSTOMER_DATA_SCOPE}\\)`))
      .first()
      .click();
    await compose.root.locator('label.checkbox').filter({ hasText: CUSTOMER_DATA_SCOPE }).click();
    await expect(
      compose.root.getByRole('checkbox', { name: new RegExp(CUSTOMER_DATA_SCOPE) }).isChecked(),
    ).resolves.toBe(true);
    await compose.field(new RegExp(`Authorization details for ${CUSTOMER_DATA_SCOPE}`)).fill('not json');
    await compose.field('Note for the Server (optional)').fill('A self grant for our own meters.');
    await compose.pressSend();
    await compose.root.getByText(/is not valid JSON/).waitFor();
    await compose.field(new RegExp(`Authorization details for ${CUSTOMER_DATA_SCOPE}`)).fill('');
    await compose.root.evaluate((element) => element.closest('.modal')?.scrollTo(0, 0));
    await saveScreenshot(app.page, 'inbox-compose-grant-request');
    expect(await seriousA11yViolations(app.page)).toEqual([]);
    await compose.send();
    await inbox.toastText('Grant request sent');

    const sent = sandbox.control.messages(world.registrationId).find((m) => m.type === 'grant_request');
    expect(sent?.grants_requested).toEqual([{ scope: CUSTOMER_DATA_SCOPE, authorization_details: [] }]);
    expect(String(sent?.related_uri)).toContain('/clients/');
    await inbox.threadMessage('Grants requested').waitFor();

    // Keyboard: the list keeps focus and moves the selection with the arrow keys.
    await inbox.list.focus();
    await app.page.keyboard.press('Home');
    const first = await inbox.list.getAttribute('aria-activedescendant');
    await app.page.keyboard.press('ArrowDown');
    const second = await inbox.list.getAttribute('aria-activedescendant');
    expect(second).not.toBe(first);
    const selected = inbox.list.locator('[role=option][aria-selected=true]');
    // Opening a Message marks it read, and the Server's new `modified` time can move it in the
    // list while this runs: poll until the selection has settled on it.
    await expect.poll(() => selected.getAttribute('id'), { timeout: 5000 }).toBe(second);
    await inbox.thread.waitFor();
  });
});
