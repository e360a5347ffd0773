import type { AppInfo } from '../../../shared/ipc/contract';
import { AlertIcon } from '../components/icons';
import { StatusChip } from '../components/status-chip';

const vaultLabels: Readonly<Record<AppInfo['vault']['backend'], string>> = {
  keychain: 'System keychain',
  file: 'Passphrase-protected file',
  memory: 'Memory only',
};

/** What this installation is and where it keeps things; the vault warning is never hidden. */
export function SettingsView({ info }: { readonly info: AppInfo }) {
  return (
    <div className="view">
      {info.vault.warning ? (
        <div className="callout callout--warning" role="status">
          <AlertIcon size={20} />
          <div>
            <p className="callout__title">Secrets are not saved on this computer</p>
            <p className="callout__text">{info.vault.warning}</p>
          </div>
        </div>
      ) : null}

      <section className="panel" aria-labelledby="settings-about">
        <h2 className="panel__title" id="settings-about">
          About
        </h2>
        <dl className="facts">
          <div className="facts__row">
            <dt>Application</dt>
            <dd>{info.name}</dd>
          </div>
          <div className="facts__row">
            <dt>Version</dt>
            <dd className="mono">{info.version}</dd>
          </div>
          <div className="facts__row">
            <dt>Data folder</dt>
            <dd className="mono facts__path">{info.dataDir}</dd>
          </div>
        </dl>
      </section>

      <section className="panel" aria-labelledby="settings-secrets">
        <h2 className="panel__title" id="settings-secrets">
          Secrets
        </h2>
        <p className="panel__intro">
          Client secrets, tokens and device keys are kept apart from your other data, in the place below.
        </p>
        <dl className="facts">
          <div className="facts__row">
            <dt>Stored in</dt>
            <dd>{vaultLabels[info.vault.backend]}</dd>
          </div>
          <div className="facts__row">
            <dt>Kept after restart</dt>
            <dd>
              {info.vault.persistent ? (
                <StatusChip tone="success">Yes</StatusChip>
              ) : (
                <StatusChip tone="warning">No</StatusChip>
              )}
            </dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
