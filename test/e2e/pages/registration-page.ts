import type { Locator, Page } from 'playwright-core';

/** The registration wizard inside a Server workspace's Registration section. */
export class RegistrationPage {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    panel: Locator,
  ) {
    this.root = panel;
  }

  currentStep(): Locator {
    return this.root.locator('[aria-current=step]');
  }

  scope(name: string | RegExp): Locator {
    return this.root.getByRole('checkbox', { name });
  }

  /** Toggles a scope by clicking its label, as a person does. */
  async toggleScope(name: string): Promise<void> {
    await this.root.locator('label.checkbox', { hasText: name }).click();
  }

  async continue(): Promise<void> {
    await this.root.getByRole('button', { name: 'Continue', exact: true }).click();
  }

  field(label: string | RegExp): Locator {
    return this.root.getByRole('textbox', { name: label });
  }

  /** Chooses a file for an image/PDF field through the system file chooser. */
  async chooseFile(buttonName: string | RegExp, file: { name: string; mimeType: string; buffer: Buffer }) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.root.getByRole('button', { name: buttonName }).click();
    await (await chooser).setFiles(file);
  }

  async answer(group: string | RegExp, choice: string): Promise<void> {
    // The radio input is visually hidden (react-aria); a person clicks its label.
    await this.root.getByRole('radiogroup', { name: group }).locator('label', { hasText: choice }).click();
  }

  async continueToReview(): Promise<void> {
    await this.root.getByRole('button', { name: 'Continue to review' }).click();
  }

  async register(): Promise<void> {
    await this.root.getByRole('button', { name: 'Register', exact: true }).click();
  }

  result(): Locator {
    return this.root.getByRole('region', { name: /You are registered with/ });
  }

  todos(): Locator {
    return this.root.locator('.todo');
  }

  createdClients(): Locator {
    return this.root.locator('.created-client');
  }
}
