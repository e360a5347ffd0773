import { z } from 'zod';
import { method } from './define';

// What the desktop shell and the service say to each other beyond the areas: the app commands of
// menus, tray and notification clicks, the events behind native notifications and the unread
// badge, and the two native folder capabilities (pick a folder, show a file in its folder).

/**
 * Menu items, tray items and notification clicks that need the service are sent to the renderer as
 * one typed command, so it runs them through the same stores and views as a click would.
 */
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

/** New unread Messages a sync found (cds-wg1-02 §6.8 unread section). */
export const messagesReceived = z.object({
  serverId: z.string(),
  serverName: z.string(),
  // cds-wg1-02 §6.1: `name` is the subject of notification, private_message and support_request.
  messages: z.array(z.object({ messageId: z.string(), name: z.string(), type: z.string() })).min(1),
});

/** A Grant whose status changed, or a Grant seen for the first time (previousStatus null). */
export const grantStatusChanged = z.object({
  serverId: z.string(),
  serverName: z.string(),
  grantId: z.string(),
  // cds-wg1-02 §8.2: an open set of statuses; unknown strings are shown as they are (§10).
  previousStatus: z.string().nullable(),
  status: z.string(),
});

/** Unread Messages over every Server (dock badge, tray tooltip). */
export const unreadCountChanged = z.object({ total: z.number().int().nonnegative() });

export const desktopMethods = {
  /** The native folder picker (a temporary folder in the web harness); null when cancelled. */
  'files.pickFolder': method(
    z.tuple([z.object({ title: z.string().max(200).optional() }).optional()]),
    z.object({ folder: z.string().nullable() }),
  ),
  /** Reveals a saved file in the file manager: only files inside the download folder or a picked one. */
  'files.showInFolder': method(z.tuple([z.string().min(1).max(4096)]), z.object({ path: z.string() })),
};

export const desktopEvents = {
  'app.command': appCommand,
  'messages.received': messagesReceived,
  'grants.statusChanged': grantStatusChanged,
  'messages.unreadCount': unreadCountChanged,
};
