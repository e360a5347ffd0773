import type { AppInfo } from '../../shared/ipc/contract';
import { redactKnownPatterns } from '../cds/redact';

// "Copy Diagnostics" (Help menu): what a person pastes into a support request. Versions, platform,
// vault backend and the last log lines, with credential-shaped text redacted and the home folder
// shortened to ~ so the user name is not shared by accident.

export interface DiagnosticsInput {
  readonly appName: string;
  readonly appVersion: string;
  readonly versions: Readonly<Record<string, string | undefined>>;
  readonly platform: string;
  readonly arch: string;
  readonly osRelease: string;
  readonly locale: string;
  readonly homeDir: string;
  readonly dataDir: string;
  readonly info: AppInfo | null;
  readonly logTail: readonly string[];
}

export function buildDiagnostics(input: DiagnosticsInput): string {
  const lines = [
    `${input.appName} ${input.appVersion}`,
    `Electron ${input.versions.electron ?? '?'}, Chromium ${input.versions.chrome ?? '?'}, Node ${input.versions.node ?? '?'}`,
    `OS: ${input.platform} ${input.osRelease} (${input.arch}), locale ${input.locale}`,
    `Data folder: ${input.dataDir}`,
  ];
  if (input.info) {
    const { vault } = input.info;
    lines.push(`Vault: ${vault.backend}${vault.persistent ? '' : ' (not persistent)'}`);
    if (vault.warning) lines.push(`Vault warning: ${vault.warning}`);
  } else {
    lines.push('Vault: unknown (service not ready)');
  }
  lines.push('', `Last ${input.logTail.length} log lines:`, ...input.logTail);
  const text = redactKnownPatterns(lines.join('\n'));
  return input.homeDir.length > 1 ? text.split(input.homeDir).join('~') : text;
}
