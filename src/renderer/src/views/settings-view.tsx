import { type FormEvent, useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';
import type { SettingsView as SettingsModel, SettingsUpdate } from '../../../shared/ipc/settings-contract';
import { Button } from '../components/button';
import { Checkbox } from '../components/checkbox';
import { DateTime } from '../components/date-time';
import { AlertIcon } from '../components/icons';
import { QueryView } from '../components/query-view';
import { StatusChip } from '../components/status-chip';
import { Tab, TabList, TabPanel, Tabs } from '../components/tabs';
import { TextField } from '../components/text-field';
import { showToast, useToastQueue } from '../components/toast-region';
import { useCdsApi } from '../ipc/cds-api-context';
import { callService } from '../ipc/cds-client';
import { describeFailureContext, type ServiceFailure } from '../ipc/service-failure';
import { useServiceQuery } from '../ipc/use-service-query';
import { useRendererStores, useSettingsStore } from '../stores/renderer-stores';
import { ActivityTimeline } from './activity-timeline';
import '../styles/customer-data-settings.css';

const vaultLabels: Readonly<Record<AppInfo['vault']['backend'], string>> = {
  keychain: 'System keychain',
  file: 'Passphrase-protected file',
  memory: 'Memory only',
};

/** settings-contract.ts: 0 (off) to one day. */
const MAX_POLLING_MINUTES = 24 * 60;

/** "Every 15 minutes", "Every hour", "Off". */
export function describePolling(minutes: number): string {
  if (minutes === 0) return 'Off: CDS Companion checks only when you press “Sync now”';
  if (minutes === 1) return 'Every minute';
  if (minutes % 60 === 0) return minutes === 60 ? 'Every hour' : `Every ${minutes / 60} hours`;
  return `Every ${minutes} minutes`;
}

/** A whole number in [min, max] from what was typed, or the problem in words. */
export function parseWholeNumber(
  text: string,
  min: number,
  max: number,
): { readonly value: number } | { readonly problem: string } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { problem: `Enter a whole number from ${min} to ${max}.` };
  const value = Number(trimmed);
  if (value < min || value > max) return { problem: `Enter a whole number from ${min} to ${max}.` };
  return { value };
}

function failureText(failure: ServiceFailure): string {
  const context = describeFailureContext(failure);
  return context ? `${failure.message} (${context})` : failure.message;
}

/**
 * Settings (issue #7 item 10): how often to check the Servers, the secret rotation policy, where
 * data and downloads go, where secrets are kept (with the warning when they cannot be kept), and the
 * activity timeline of every call made. The vault warning is never hidden.
 */
export function SettingsView({ info }: { readonly info: AppInfo }) {
  const stores = useRendererStores();
  const settings = useServiceQuery({
    key: 'settings.get',
    load: async (cds) => {
      const loaded = await cds.settings.get();
      stores.settings.getState().recordSettings(loaded);
      return loaded;
    },
  });
  const current = useSettingsStore((state) => state.settings);
  const vault = current?.vault ?? info.vault;
  const state =
    settings.state.status === 'ready' && current !== null
      ? { ...settings.state, value: current }
      : settings.state;

  return (
    <div className="view settings">
      {vault.warning ? (
        <div className="callout callout--warning" role="status">
          <AlertIcon size={20} />
          <div>
            <p className="callout__title">Secrets are not saved on this computer</p>
            <p className="callout__text">{vault.warning}</p>
          </div>
        </div>
      ) : null}
      <Tabs defaultSelectedKey="preferences">
        <TabList aria-label="Settings sections">
          <Tab id="preferences">Preferences</Tab>
          <Tab id="activity">Activity</Tab>
        </TabList>
        <TabPanel id="preferences">
          <div className="settings__grid">
            <QueryView
              query={state}
              loadingLabel="Loading the settings"
              errorTitle="The settings could not be loaded"
              onRetry={settings.reload}
            >
              {(value) => (
                <div className="settings__choices">
                  <PollingPanel settings={value} />
                  <RotationPanel settings={value} />
                  <DownloadsPanel settings={value} />
                </div>
              )}
            </QueryView>
            <div className="settings__facts">
              <StoragePanel dataDir={current?.dataDir ?? info.dataDir} vault={vault} />
              <AboutPanel info={info} />
            </div>
          </div>
        </TabPanel>
        <TabPanel id="activity">
          <section className="panel" aria-labelledby="settings-activity">
            <h2 className="panel__title" id="settings-activity">
              Activity
            </h2>
            <p className="panel__intro">
              Every call CDS Companion made to a Server since it started: handy when a Server behaves
              unexpectedly. Tokens, codes and secrets are removed before anything is shown here.
            </p>
            <ActivityTimeline />
          </section>
        </TabPanel>
      </Tabs>
    </div>
  );
}

/** Saves one change; the store, the toast and the form's error follow from the outcome. */
function useSettingsUpdate() {
  const api = useCdsApi();
  const stores = useRendererStores();
  const toasts = useToastQueue();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const save = async (update: SettingsUpdate, done: (saved: SettingsModel) => string): Promise<boolean> => {
    setSaving(true);
    setFailure(null);
    const outcome = await callService(api, (cds) => cds.settings.update(update));
    setSaving(false);
    if (!outcome.ok) {
      setFailure(failureText(outcome.failure));
      return false;
    }
    stores.settings.getState().recordSettings(outcome.value);
    showToast(toasts, { tone: 'success', title: done(outcome.value) });
    return true;
  };
  return { save, saving, failure };
}

function PollingPanel({ settings }: { readonly settings: SettingsModel }) {
  const [text, setText] = useState(String(settings.pollingIntervalMinutes));
  const [problem, setProblem] = useState<string | null>(null);
  const { save, saving, failure } = useSettingsUpdate();
  useEffect(() => setText(String(settings.pollingIntervalMinutes)), [settings.pollingIntervalMinutes]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseWholeNumber(text, 0, MAX_POLLING_MINUTES);
    if ('problem' in parsed) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    await save({ pollingIntervalMinutes: parsed.value }, (saved) =>
      saved.pollingIntervalMinutes === 0
        ? 'Automatic checking is off'
        : `Checking the Servers ${describePolling(saved.pollingIntervalMinutes).toLowerCase()}`,
    );
  };

  return (
    <section className="panel" aria-labelledby="settings-polling">
      <h2 className="panel__title" id="settings-polling">
        Checking for news
      </h2>
      <p className="panel__intro">
        CDS Companion looks for new Messages, Grants and files on every Server in the background. Now:{' '}
        <strong>{describePolling(settings.pollingIntervalMinutes)}</strong>.
      </p>
      <form className="form settings__form" onSubmit={(event) => void submit(event)}>
        <TextField
          label="Minutes between checks"
          description="0 turns automatic checking off. At most 1440 (once a day)."
          value={text}
          onChange={(value) => {
            setText(value);
            setProblem(null);
          }}
          inputMode="numeric"
          errorMessage={problem ?? failure}
          inputClassName="settings__number"
        />
        <div className="settings__actions">
          <Button type="submit" variant="primary" isPending={saving}>
            Save
          </Button>
        </div>
      </form>
    </section>
  );
}

function RotationPanel({ settings }: { readonly settings: SettingsModel }) {
  const { rotation } = settings;
  const [automatic, setAutomatic] = useState(rotation.automatic);
  const [daysText, setDaysText] = useState(String(rotation.daysBeforeExpiry));
  const [problem, setProblem] = useState<string | null>(null);
  const { save, saving, failure } = useSettingsUpdate();
  useEffect(() => setAutomatic(rotation.automatic), [rotation.automatic]);
  useEffect(() => setDaysText(String(rotation.daysBeforeExpiry)), [rotation.daysBeforeExpiry]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseWholeNumber(daysText, 1, 365);
    if ('problem' in parsed) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    await save({ automaticRotation: automatic, rotationDaysBeforeExpiry: parsed.value }, (saved) =>
      saved.rotation.automatic
        ? `Secrets will be renewed ${saved.rotation.daysBeforeExpiry} days before they expire`
        : 'Automatic renewal of secrets is off',
    );
  };

  return (
    <section className="panel" aria-labelledby="settings-rotation">
      <h2 className="panel__title" id="settings-rotation">
        Renewing client secrets
      </h2>
      <p className="panel__intro">
        Servers give client secrets an expiry date. CDS Companion can create the new secret for you before the
        old one stops working, and switch over safely.
      </p>
      <form className="form settings__form" onSubmit={(event) => void submit(event)}>
        <Checkbox isSelected={automatic} onChange={setAutomatic}>
          Renew secrets automatically
        </Checkbox>
        <TextField
          label="Days before expiry"
          description="How early to renew a secret (1 to 365 days)."
          value={daysText}
          onChange={(value) => {
            setDaysText(value);
            setProblem(null);
          }}
          inputMode="numeric"
          isDisabled={!automatic}
          errorMessage={problem ?? failure}
          inputClassName="settings__number"
        />
        <dl className="facts">
          <div className="facts__row">
            <dt>Last run</dt>
            <dd>
              {rotation.lastRunAt ? (
                <>
                  <DateTime value={rotation.lastRunAt} />
                  {rotation.lastRunRotated !== null
                    ? ` · ${rotation.lastRunRotated} secret${rotation.lastRunRotated === 1 ? '' : 's'} renewed`
                    : ''}
                </>
              ) : (
                <span className="muted">Not run yet</span>
              )}
            </dd>
          </div>
          {rotation.lastRunProblem ? (
            <div className="facts__row">
              <dt>Problem</dt>
              <dd>
                <StatusChip tone="danger">Failed</StatusChip> {rotation.lastRunProblem}
              </dd>
            </div>
          ) : null}
          <div className="facts__row">
            <dt>Next run</dt>
            <dd>
              {rotation.nextRunAt ? (
                <DateTime value={rotation.nextRunAt} />
              ) : (
                <span className="muted">None planned</span>
              )}
            </dd>
          </div>
        </dl>
        <div className="settings__actions">
          <Button type="submit" variant="primary" isPending={saving}>
            Save
          </Button>
        </div>
      </form>
    </section>
  );
}

function DownloadsPanel({ settings }: { readonly settings: SettingsModel }) {
  const [folder, setFolder] = useState(settings.downloadFolder);
  const { save, saving, failure } = useSettingsUpdate();
  useEffect(() => setFolder(settings.downloadFolder), [settings.downloadFolder]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await save({ downloadFolder: folder.trim() }, (saved) => `Downloads go to ${saved.downloadFolder}`);
  };

  return (
    <section className="panel" aria-labelledby="settings-downloads">
      <h2 className="panel__title" id="settings-downloads">
        Downloads
      </h2>
      <p className="panel__intro">
        Where files from Servers and saved attachments go.{' '}
        {settings.downloadFolderIsDefault ? 'Now: your usual Downloads folder.' : 'Now: a folder you chose.'}
      </p>
      <form className="form settings__form" onSubmit={(event) => void submit(event)}>
        <TextField
          label="Download folder"
          description="The full path of an existing folder."
          value={folder}
          onChange={setFolder}
          errorMessage={failure}
          inputClassName="mono"
        />
        <div className="settings__actions">
          {settings.downloadFolderIsDefault ? null : (
            <Button
              variant="secondary"
              isDisabled={saving}
              onPress={() =>
                void save({ downloadFolder: null }, () => 'Downloads go to your Downloads folder')
              }
            >
              Use the Downloads folder
            </Button>
          )}
          <Button type="submit" variant="primary" isPending={saving}>
            Save
          </Button>
        </div>
      </form>
    </section>
  );
}

function StoragePanel({ dataDir, vault }: { readonly dataDir: string; readonly vault: AppInfo['vault'] }) {
  return (
    <section className="panel" aria-labelledby="settings-secrets">
      <h2 className="panel__title" id="settings-secrets">
        Secrets and data
      </h2>
      <p className="panel__intro">
        Client secrets, tokens and device keys are kept apart from your other data, in the place below.
      </p>
      <dl className="facts">
        <div className="facts__row">
          <dt>Data folder</dt>
          <dd className="mono facts__path">{dataDir}</dd>
        </div>
        <div className="facts__row">
          <dt>Secrets stored in</dt>
          <dd>{vaultLabels[vault.backend]}</dd>
        </div>
        <div className="facts__row">
          <dt>Kept after restart</dt>
          <dd>
            {vault.persistent ? (
              <StatusChip tone="success">Yes</StatusChip>
            ) : (
              <StatusChip tone="warning">No</StatusChip>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function AboutPanel({ info }: { readonly info: AppInfo }) {
  return (
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
      </dl>
    </section>
  );
}
