import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppCommand } from '../../../shared/ipc/desktop-contract';
import { openServer } from './open-server';
import type { RendererStores } from './renderer-stores';

/** Commands that need the frame's dialogs or a service call, handed to AppFrame to run. */
export type FrameCommand = 'add-server' | 'try-demo' | 'sync-all';

export interface AppCommandsState {
  /** The newest command waiting for the frame; `seq` tells two identical commands apart. */
  readonly pending: { readonly command: FrameCommand; readonly seq: number } | null;
  readonly request: (command: FrameCommand) => void;
  readonly done: (seq: number) => void;
}

export type AppCommandsStore = StoreApi<AppCommandsState>;

export function createAppCommandsStore(): AppCommandsStore {
  return createStore<AppCommandsState>()((set, get) => ({
    pending: null,
    request: (command) => set({ pending: { command, seq: (get().pending?.seq ?? 0) + 1 } }),
    done: (seq) => {
      if (get().pending?.seq === seq) set({ pending: null });
    },
  }));
}

/**
 * Runs a menu, tray or notification-click command (the `app.command` event) the way a click in the
 * window would: navigation directly in the stores, the rest through the frame.
 */
export function runAppCommand(
  stores: Pick<RendererStores, 'servers' | 'navigation' | 'appCommands'>,
  command: AppCommand,
): void {
  switch (command.command) {
    case 'preferences':
      stores.navigation.getState().navigate('settings');
      return;
    case 'open-messages':
      openServer(stores, command.serverId, 'messages');
      return;
    case 'open-message':
      openServer(stores, command.serverId);
      stores.navigation.getState().openSection('messages', command.messageId);
      return;
    case 'open-grant':
      openServer(stores, command.serverId);
      stores.navigation.getState().openSection('grants', command.grantId);
      return;
    default:
      stores.appCommands.getState().request(command.command);
  }
}
