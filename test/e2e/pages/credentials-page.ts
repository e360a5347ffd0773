import type { Locator, Page } from 'playwright-core';

/** The Credentials section: one panel per Client Object, the rotation checklist, the schedule. */
export class CredentialsPage {
  readonly panel: Locator;
  readonly schedule: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('tabpanel');
    this.schedule = this.panel.getByRole('region', { name: 'Scheduled rotation' });
  }

  /** The panel of one Client Object, titled by what it is for (its scopes). */
  async client(clientId: string): Promise<CredentialsClientPanel> {
    const root = this.panel.locator(`section[data-client-id="${clientId}"]`);
    await root.waitFor();
    const title = (await root.locator('h3').first().textContent()) ?? clientId;
    return new CredentialsClientPanel(this.page, root, title);
  }
}

export class CredentialsClientPanel {
  readonly rotation: Locator;
  readonly secrets: Locator;

  constructor(
    readonly page: Page,
    readonly root: Locator,
    readonly title: string,
  ) {
    this.rotation = root.getByRole('region', { name: 'Secret rotation' });
    this.secrets = root.getByRole('table', { name: `Secrets of ${title}` });
  }

  async rotate(): Promise<void> {
    await this.root.getByRole('button', { name: `Rotate the secret of ${this.title}` }).click();
  }

  /** "Create a new secret: done", one per step. */
  steps(): Promise<string[]> {
    return this.rotation
      .locator('.rotation-step')
      .evaluateAll((items) =>
        items.map(
          (item) =>
            `${item.querySelector('.rotation-step__label')?.textContent}: ${item.querySelector('.rotation-step__state')?.textContent}`,
        ),
      );
  }

  outcome(): Locator {
    return this.rotation.getByRole('status');
  }

  secret(credentialId: string): Locator {
    return this.secrets.getByRole('row', { name: new RegExp(`^${credentialId}\\b`) });
  }

  async secretStatuses(): Promise<Record<string, string>> {
    const rows = await this.secrets
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.getAttribute('data-credential-id') ?? '',
          tr.querySelector('.status-chip')?.textContent ?? '',
        ]),
      );
    return Object.fromEntries(rows);
  }

  /** Expire… then the confirmation; returns the confirmation dialog before confirming. */
  async startExpiring(credentialId: string): Promise<Locator> {
    await this.root.getByRole('button', { name: `Expire secret ${credentialId}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Expire secret ${credentialId}?` });
    await dialog.waitFor();
    return dialog;
  }
}
