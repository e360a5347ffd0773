import type { CommandGroup } from './cli-types';

export interface CommandEntry {
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
    summary: 'add, list, show, sync and remove CDS Servers',
    load: async () => (await import('./commands/servers')).command,
  },
  register: {
    summary: 'register with a Server for chosen scopes',
    load: async () => (await import('./commands/register')).command,
  },
  clients: {
    summary: 'list, show and change Client Objects; ask for production access',
    load: async () => (await import('./commands/clients')).command,
  },
  credentials: {
    summary: 'list, rotate and expire client secrets',
    load: async () => (await import('./commands/credentials')).command,
  },
  messages: {
    summary: 'list, show, send and mark Messages',
    load: async () => (await import('./commands/messages')).command,
  },
  grants: {
    summary: 'list, show and close Grants',
    load: async () => (await import('./commands/grants')).command,
  },
  files: {
    summary: 'list and download Server-Provided Files',
    load: async () => (await import('./commands/files')).command,
  },
  authorize: {
    summary: 'a customer authorizes access in the browser (loopback or receipt page)',
    load: async () => (await import('./commands/authorize')).command,
  },
  data: {
    summary: 'read customer data of an authorized Grant (decrypted on this device)',
    load: async () => (await import('./commands/data')).command,
  },
  keys: {
    summary: 'show or replace the device key responses are encrypted for',
    load: async () => (await import('./commands/keys')).command,
  },
  decrypt: {
    summary: 'decrypt a saved encrypted response with a private JWK (no Server needed)',
    load: async () => (await import('./commands/decrypt')).command,
    local: true,
  },
  agent: {
    summary: 'status and stop of the background Companion that runs the commands',
    load: async () => (await import('./commands/agent')).command,
    local: true,
  },
};
