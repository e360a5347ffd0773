import type { ServiceApi } from '../service-api';
import type { AppCommand } from './app-commands';

// What the desktop shell hands the Companion service: the native capabilities the service may use,
// each already hardened here (openExternal checks the URL, showItemInFolder the path). The service
// never sees an Electron object.

export interface DesktopNotification {
  readonly title: string;
  readonly body: string;
  /** What a click on the notification opens in the app. */
  readonly command?: AppCommand;
}

export interface FolderPickerOptions {
  readonly title?: string;
  readonly defaultPath?: string;
}

export interface DesktopIntegration {
  readonly appName: string;
  readonly appVersion: string;
  /** The Companion's data directory, under the app's userData. */
  readonly dataDir: string;
  /** Opens an https: (or loopback http:) URL in the system browser (RFC 8252 §4); rejects others. */
  readonly openExternal: (url: string) => Promise<void>;
  /** The native folder picker; null when the person cancels. */
  readonly pickFolder: (options?: FolderPickerOptions) => Promise<string | null>;
  /** Reveals a downloaded file in the system file manager. */
  readonly showItemInFolder: (path: string) => void;
  readonly notify: (notification: DesktopNotification) => void;
}

export type DesktopService = ServiceApi & { close(): Promise<void> };

export type CreateService = (integration: DesktopIntegration) => Promise<DesktopService>;
