import type { Locator, Page } from 'playwright-core';

/** The sidebar's Servers and the Servers list. */
export class ServersPage {
  readonly sidebar: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByRole('navigation', { name: 'Main' });
    this.main = page.getByRole('main');
  }

  sidebarServer(name: string | RegExp): Locator {
    return this.sidebar.getByRole('list', { name: 'Your Servers' }).getByRole('button', { name });
  }

  sidebarServers(): Locator {
    return this.sidebar.getByRole('list', { name: 'Your Servers' }).getByRole('listitem');
  }

  /** "Try the demo utility" from the empty state; resolves once its workspace shows. */
  async tryDemo(): Promise<ServerWorkspacePage> {
    await this.main.getByRole('button', { name: 'Try the demo utility' }).click();
    const workspace = new ServerWorkspacePage(this.page);
    await workspace.tabs.waitFor({ timeout: 30_000 });
    return workspace;
  }

  async openServer(name: string | RegExp): Promise<ServerWorkspacePage> {
    await this.sidebarServer(name).click();
    const workspace = new ServerWorkspacePage(this.page);
    await workspace.tabs.waitFor();
    return workspace;
  }
}

/** One Server's workspace: status bar, Sync and Remove, section tabs. */
export class ServerWorkspacePage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly statusBar: Locator;
  readonly tabs: Locator;
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { level: 1 });
    this.statusBar = this.main.getByRole('region', { name: /status$/ });
    this.tabs = this.main.getByRole('tablist');
    this.panel = this.main.getByRole('tabpanel');
  }

  tab(name: string): Locator {
    return this.tabs.getByRole('tab', { name, exact: true });
  }

  async openSection(name: string): Promise<Locator> {
    await this.tab(name).click();
    await this.tab(name).and(this.page.locator('[aria-selected=true]')).waitFor();
    return this.panel;
  }

  async sync(): Promise<void> {
    await this.statusBar.getByRole('button', { name: 'Sync now' }).click();
  }

  /** Opens the removal confirmation; returns the dialog. */
  async startRemoving(): Promise<Locator> {
    await this.statusBar.getByRole('button', { name: 'Remove…' }).click();
    const dialog = this.page.getByRole('dialog', { name: /^Remove / });
    await dialog.waitFor();
    return dialog;
  }

  toast(title: string | RegExp): Locator {
    return this.page.locator('.toast').filter({ hasText: title });
  }
}
