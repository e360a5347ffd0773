import type { CommandGroup } from './cli-types';

export interface CommandEntry {
  /**
   * The group's subcommand names (`''`: one nameless command), known without loading the group so
   * the thin client can leave a mistyped one to the usage error here instead of starting the
   * background Companion (main.ts `runsInAgent`). A unit test holds them to the loaded groups.
   */
  readonly subcommands: readonly string[];
  readonly summary: string;
  readonly load: () => Promise<CommandGroup>;
  /**
   * Runs in the person's own process, never in the background Companion: it opens no Companion
   * (decrypt), or it is about the background Companion itself (agent).
   */
  readonly local?: true;
}

/**
 * Every command group, loaded only when used (so `--version` and `--help` stay fast). A new area
 * adds one line here and a file in src/cli/commands/ (docs/architecture.md "The CLI").
 */
export const commandTable: Readonly<Record<string, CommandEntry>> = {
  servers: {
    subcommands: ['add', 'list', 'show', 'sync', 'remove'],
    summary: 'add, list, show, sync and remove CDS Servers',
    load: async () => (await import('./commands/servers')).command,
  },
  register: {
    subcommands: [''],
    summary: 'register with a Server for chosen scopes',
    load: async () => (await import('./commands/register')).command,
  },
  clients: {
    subcommands: ['list', 'show', 'update', 'request-production'],
    summary: 'list, show and change Client Objects; ask for production access',
    load: async () => (await import('./commands/clients')).command,
  },
  credentials: {
    subcommands: ['list', 'rotate', 'expire'],
    summary: 'list, rotate and expire client secrets',
    load: async () => (await import('./commands/credentials')).command,
  },
  messages: {
    subcommands: ['list', 'show', 'send', 'mark-read'],
    summary: 'list, show, send and mark Messages',
    load: async () => (await import('./commands/messages')).command,
  },
  grants: {
    subcommands: ['list', 'show', 'close'],
    summary: 'list, show and close Grants',
    load: async () => (await import('./commands/grants')).command,
  },
  files: {
    subcommands: ['list', 'download'],
    summary: 'list and download Server-Provided Files',
    load: async () => (await import('./commands/files')).command,
  },
  authorize: {
    subcommands: [''],
    summary: 'a customer authorizes access in the browser (loopback or receipt page)',
    load: async () => (await import('./commands/authorize')).command,
  },
  data: {
    subcommands: ['accounts'],
    summary: 'read customer data of an authorized Grant (decrypted on this device)',
    load: async () => (await import('./commands/data')).command,
  },
  keys: {
    subcommands: ['show', 'rotate'],
    summary: 'show or replace the device key responses are encrypted for',
    load: async () => (await import('./commands/keys')).command,
  },
  decrypt: {
    subcommands: [''],
    summary: 'decrypt a saved encrypted response with a private JWK (no Server needed)',
    load: async () => (await import('./commands/decrypt')).command,
    local: true,
  },
  agent: {
    subcommands: ['status', 'stop'],
    summary: 'status and stop of the background Companion that runs the commands',
    load: async () => (await import('./commands/agent')).command,
    local: true,
  },
};
