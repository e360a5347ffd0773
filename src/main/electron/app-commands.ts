import { eventChannel } from '../../shared/ipc/bridge';

// Menu items, tray items and notification clicks that need the service are sent to the renderer as
// one typed "app command" event (contract event `app.command`), so the renderer runs them through
// the same stores and views as a click would.
export { type AppCommand, appCommand } from '../../shared/ipc/desktop-contract';

export const APP_COMMAND_CHANNEL = eventChannel('app.command');
