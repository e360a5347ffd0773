import type { Locator, Page } from 'playwright-core';

/** The app frame: sidebar, header, the Servers empty state and the Settings view. */
export class AppShellPage {
  readonly sidebar: Locator;
  readonly main: Locator;
  readonly heading: Locator;
  readonly emptyState: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByRole('navigation', { name: 'Main' });
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { level: 1 });
    this.emptyState = this.main.getByRole('region', { name: 'No Servers yet' });
  }

  navButton(name: 'Servers' | 'Settings'): Locator {
    return this.sidebar.getByRole('button', { name, exact: true });
  }

  emptyStateAddButton(): Locator {
    return this.emptyState.getByRole('button', { name: 'Add a Server' });
  }

  async openSettings(): Promise<SettingsSection> {
    await this.navButton('Settings').click();
    await this.heading.filter({ hasText: 'Settings' }).waitFor();
    return new SettingsSection(this.page);
  }

  async openAddServerDialog(): Promise<AddServerDialogPage> {
    await this.emptyStateAddButton().click();
    const dialog = new AddServerDialogPage(this.page);
    await dialog.root.waitFor();
    return dialog;
  }

  /** The computed page background, to compare light and dark themes. */
  backgroundColor(): Promise<string> {
    return this.page.evaluate('getComputedStyle(document.body).backgroundColor') as Promise<string>;
  }

  /** The element holding keyboard focus, with the outline the focus ring draws. */
  focusedElement(): Promise<{
    tag: string;
    text: string;
    outlineStyle: string;
    outlineWidth: string;
  } | null> {
    return this.page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return {
        tag: el.tagName.toLowerCase(),
        text: (el.getAttribute('aria-label') || el.textContent || '').trim(),
        outlineStyle: style.outlineStyle,
        outlineWidth: style.outlineWidth,
      };
    })()`) as Promise<{ tag: string; text: string; outlineStyle: string; outlineWidth: string } | null>;
  }
}

export class SettingsSection {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByRole('main');
  }

  fact(term: string): Locator {
    return this.root
      .locator('.facts__row', { has: this.page.locator('dt', { hasText: term }) })
      .locator('dd');
  }

  vaultWarning(): Locator {
    return this.root.getByRole('status').filter({ hasText: 'Secrets are not saved' });
  }
}

export class AddServerDialogPage {
  readonly root: Locator;
  readonly addressField: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByRole('dialog', { name: 'Add a Server' });
    this.addressField = this.root.getByRole('textbox', { name: 'Server address' });
  }

  errorText(): Locator {
    return this.root.locator('.text-field__error');
  }

  preview(): Locator {
    return this.root.locator('.form__preview');
  }
}
