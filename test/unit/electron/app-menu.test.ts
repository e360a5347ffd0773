import { describe, expect, it } from 'vitest';
import type { AppCommand } from '../../../src/main/electron/app-commands';
import { appCommand } from '../../../src/main/electron/app-commands';
import { buildMenuTemplate, type MenuTemplateItem } from '../../../src/main/electron/app-menu';
import { SPEC_LINKS } from '../../../src/main/electron/help-links';
import { buildTrayMenuTemplate } from '../../../src/main/electron/tray-menu';

function menu(platform: NodeJS.Platform, devTools = false) {
  const commands: AppCommand[] = [];
  const links: string[] = [];
  const calls: string[] = [];
  const template = buildMenuTemplate({
    platform,
    appName: 'CDS Companion',
    devTools,
    actions: {
      sendCommand: (command) => commands.push(command),
      openLink: (url) => links.push(url),
      openUserGuide: () => calls.push('guide'),
      copyDiagnostics: () => calls.push('diagnostics'),
    },
  });
  return { template, commands, links, calls };
}

const items = (template: MenuTemplateItem[]): MenuTemplateItem[] =>
  template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);

const click = (item: MenuTemplateItem | undefined) => (item?.click as (() => void) | undefined)?.();

describe('the application menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('sends the service commands on %s', (platform) => {
    const { template, commands } = menu(platform);
    const all = items(template);
    for (const id of ['add-server', 'try-demo', 'sync-all', 'preferences'])
      click(all.find((item) => item.id === id));
    expect(commands).toEqual([
      { command: 'add-server' },
      { command: 'try-demo' },
      { command: 'sync-all' },
      { command: 'preferences' },
    ]);
    for (const command of commands) expect(appCommand.safeParse(command).success).toBe(true);
  });

  it('has File, Edit, View and Help, and Quit where each platform puts it', () => {
    const linux = menu('linux').template;
    expect(linux.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(items(linux).some((item) => item.role === 'quit')).toBe(true);
    const mac = menu('darwin').template;
    expect(mac[0]?.label).toBe('CDS Companion');
    expect(((mac[0]?.submenu ?? []) as MenuTemplateItem[]).some((item) => item.role === 'quit')).toBe(true);
    expect(mac.some((item) => item.role === 'windowMenu')).toBe(true);
    const edit = items(linux).filter((item) =>
      ['copy', 'paste', 'undo', 'selectAll'].includes(item.role ?? ''),
    );
    expect(edit).toHaveLength(4);
  });

  it('opens the user guide, the spec links and copies diagnostics from Help', () => {
    const { template, links, calls } = menu('linux');
    const help = template.find((item) => item.role === 'help');
    const helpItems = help?.submenu as MenuTemplateItem[];
    for (const item of helpItems) click(item);
    expect(links).toEqual(SPEC_LINKS.map((link) => link.url));
    expect(calls).toEqual(['guide', 'diagnostics']);
    for (const url of links) expect(new URL(url).protocol).toBe('https:');
  });

  it('offers DevTools only in unpackaged runs', () => {
    expect(items(menu('linux', false).template).some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(items(menu('linux', true).template).some((item) => item.role === 'toggleDevTools')).toBe(true);
  });
});

describe('the tray menu', () => {
  it('opens the window, syncs and quits', () => {
    const calls: unknown[] = [];
    const template = buildTrayMenuTemplate({
      showWindow: () => calls.push('show'),
      sendCommand: (command) => calls.push(command),
      quit: () => calls.push('quit'),
    });
    for (const item of template) click(item);
    expect(calls).toEqual(['show', { command: 'sync-all' }, 'quit']);
  });
});
