import type { Locator, Page } from 'playwright-core';

/** One Server's Inbox section: the filter, the virtualised list, the open conversation, compose. */
export class InboxPage {
  readonly list: Locator;
  readonly thread: Locator;
  readonly filters: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('listbox', { name: /Messages of/ });
    this.thread = page.locator('section.message-thread');
    this.filters = page.getByRole('radiogroup', { name: 'Show Messages' });
  }

  /** Opens the Server from the sidebar, then its Inbox tab, and waits for the list or the empty state. */
  static async open(page: Page, serverName: string): Promise<InboxPage> {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: new RegExp(serverName) })
      .click();
    await page.getByRole('tab', { name: 'Inbox' }).click();
    const inbox = new InboxPage(page);
    await page.locator('.inbox').waitFor();
    return inbox;
  }

  row(subject: string): Locator {
    return this.list.getByRole('option').filter({ hasText: subject });
  }

  async openMessage(subject: string): Promise<void> {
    await this.row(subject).first().click();
    await this.thread.waitFor();
  }

  filter(name: 'All' | 'Unread' | 'Outstanding' | 'Read'): Locator {
    return this.filters.getByRole('radio', { name: new RegExp(`^${name}`) });
  }

  threadMessage(subjectOrText: string): Locator {
    return this.thread.getByRole('listitem').filter({ hasText: subjectOrText });
  }

  threadButton(name: string | RegExp): Locator {
    return this.thread.getByRole('button', { name });
  }

  toolbarButton(name: 'New message' | 'Check for new Messages'): Locator {
    return this.page.locator('.inbox__toolbar').getByRole('button', { name, exact: true });
  }

  async openCompose(): Promise<ComposeDialogPage> {
    await this.toolbarButton('New message').click();
    const dialog = new ComposeDialogPage(this.page);
    await dialog.root.waitFor();
    return dialog;
  }

  /** The newest toast's text (success or failure). */
  async toastText(contains: string): Promise<string> {
    const toast = this.page.locator('.toast').filter({ hasText: contains }).last();
    await toast.waitFor();
    return (await toast.textContent()) ?? '';
  }
}

/** The compose dialog: new Message, reply, or the answer to a server_request. */
export class ComposeDialogPage {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog');
  }

  async chooseKind(
    label: 'Message' | 'Support request' | 'Production request' | 'Grant request',
  ): Promise<void> {
    // react-aria keeps the native radio visually hidden: a person clicks its label.
    await this.choice(label).click();
  }

  /** A radio or checkbox label (react-aria draws its own mark over a hidden native input). */
  choice(text: string | RegExp): Locator {
    return this.root
      .locator('label')
      .filter({ hasText: typeof text === 'string' ? new RegExp(`^${text}$`) : text });
  }

  field(label: string | RegExp): Locator {
    return this.root.getByRole('textbox', { name: label });
  }

  /** Attaches files through the system file chooser the "Choose files…" button opens. */
  async attach(files: ReadonlyArray<{ name: string; mimeType: string; buffer: Buffer }>): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.root.getByRole('button', { name: 'Choose files…' }).click();
    await (await chooser).setFiles(files.map((file) => ({ ...file })));
    await this.root.getByRole('list', { name: 'Files to attach' }).waitFor();
  }

  attachedFile(name: string): Locator {
    return this.root
      .getByRole('list', { name: 'Files to attach' })
      .getByRole('listitem')
      .filter({ hasText: name });
  }

  /** Presses Send; the dialog stays open when a field is wrong. */
  async pressSend(label: 'Send' | 'Send answer' = 'Send'): Promise<void> {
    await this.root.getByRole('button', { name: label, exact: true }).click();
  }

  /** Sends and waits for the dialog to close (the Server accepted the Message). */
  async send(label: 'Send' | 'Send answer' = 'Send'): Promise<void> {
    await this.pressSend(label);
    await this.root.waitFor({ state: 'detached' });
  }
}
