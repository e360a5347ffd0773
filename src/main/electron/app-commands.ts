import { z } from 'zod';

// Menu items, tray items and notification clicks that need the service are sent to the renderer as
// one typed "app command" event, so the renderer runs them through the same stores and views as a
// click would. Local schema until the IPC contract carries the `app.command` event; the channel
// below is what `eventChannel('app.command')` will return then.
export const appCommand = z.discriminatedUnion('command', [
  z.object({ command: z.literal('add-server') }),
  // "Try the demo utility": the renderer calls servers.addDemo, which starts the sandbox in-process
  // on a free loopback port and adds it as a Server.
  z.object({ command: z.literal('try-demo') }),
  z.object({ command: z.literal('sync-all') }),
  z.object({ command: z.literal('preferences') }),
  z.object({ command: z.literal('open-message'), serverId: z.string(), messageId: z.string() }),
  z.object({ command: z.literal('open-messages'), serverId: z.string() }),
  z.object({ command: z.literal('open-grant'), serverId: z.string(), grantId: z.string() }),
]);
export type AppCommand = z.infer<typeof appCommand>;

export const APP_COMMAND_CHANNEL = 'cds:event:app.command';
