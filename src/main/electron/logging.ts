import { join } from 'node:path';
import log from 'electron-log/main';
import { redactionHook } from './log-redaction';

// Main-process logs with electron-log: a rotating file under the app's logs folder and the console,
// every message redacted first. The IPC transport (main logs echoed into the renderer's console)
// and the remote transport stay off: logs never leave the main process.

export interface AppLogger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export interface Logging {
  readonly logger: AppLogger;
  readonly logFile: string;
  /** The last `count` lines of the current log file, for "Copy Diagnostics". */
  readTail(count: number): string[];
}

export function setupLogging(logsDir: string): Logging {
  const logFile = join(logsDir, 'main.log');
  log.transports.file.resolvePathFn = () => logFile;
  log.transports.file.level = 'info';
  log.transports.file.maxSize = 2 * 1024 * 1024;
  log.transports.console.level = 'warn';
  if (log.transports.ipc) log.transports.ipc.level = false;
  if (log.transports.remote) log.transports.remote.level = false;
  log.hooks.push(redactionHook);
  log.errorHandler.startCatching({ showDialog: false });
  return {
    logger: log,
    logFile,
    readTail: (count) => {
      const files = log.transports.file.readAllLogs({ fileFilter: (path) => path === logFile });
      const lines = files.flatMap((file) => file.lines).filter((line) => line.trim() !== '');
      return lines.slice(-count);
    },
  };
}
