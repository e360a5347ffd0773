import { type ReactNode, useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';
import type { SettingsView as SettingsModel, SettingsUpdate } from '../../../shared/ipc/settings-contract';
import { Button } from '../components/button';
import { Checkbox } from '../components/checkbox';
import { DateTime } from '../components/date-time';
import { Fact } from '../components/fact';
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
  // Asked again when Settings opens: a cache that could not be saved shows up after start too.
  const latestInfo = useServiceQuery({ key: 'app.info', load: (cds) => cds.app.info() });
  const storeProblems =
    (latestInfo.state.status === 'ready' ? latestInfo.state.value : info).storeProblems ?? [];
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
      {storeProblems.length > 0 ? (
        <div className="callout callout--warning" role="status">
          <AlertIcon size={20} />
          <div>
            <p className="callout__title">Some saved data had a problem</p>
            <ul className="callout__text">
              {storeProblems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
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
          <SettingsPanel
            id="activity"
            title="Activity"
            intro={
              <>
                Every call CDS Companion made to a Server since it started: handy when a Server behaves
                unexpectedly. Tokens, codes and secrets are removed before anything is shown here.
              </>
            }
          >
            <ActivityTimeline />
          </SettingsPanel>
        </TabPanel>
      </Tabs>
    </div>
  );
}

/** One panel, labelled by its heading `settings-<id>` (the end-to-end page objects find panels so). */
function SettingsPanel({
  id,
  title,
  intro,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly intro?: ReactNode;
  readonly children: ReactNode;
}) {
  const headingId = `settings-${id}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 className="panel__title" id={headingId}>
        {title}
      </h2>
      {intro ? <p className="panel__intro">{intro}</p> : null}
      {children}
    </section>
  );
}

/** A panel's form: its fields, then its actions ending with Save. */
function SettingsForm({
  onSubmit,
  saving,
  otherAction,
  children,
}: {
  readonly onSubmit: () => Promise<unknown>;
  readonly saving: boolean;
  readonly otherAction?: ReactNode;
  readonly children: ReactNode;
}) {
  return (
    <form
      className="form settings__form"
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      {children}
      <div className="settings__actions">
        {otherAction}
        <Button type="submit" variant="primary" isPending={saving}>
          Save
        </Button>
      </div>
    </form>
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

/** What is typed in a whole-number field, following the saved value, and its problem once checked. */
function useWholeNumberText(saved: number, min: number, max: number) {
  const [text, setText] = useState(String(saved));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setText(String(saved)), [saved]);
  return {
    text,
    problem,
    change: (value: string) => {
      setText(value);
      setProblem(null);
    },
    /** The number typed, or null after showing why it is not one from min to max. */
    check: (): number | null => {
      const parsed = parseWholeNumber(text, min, max);
      setProblem('problem' in parsed ? parsed.problem : null);
      return 'value' in parsed ? parsed.value : null;
    },
  };
}

/** A numeric text field showing the problem with what was typed, else the last save's failure. */
function WholeNumberField({
  label,
  description,
  field,
  failure,
  isDisabled,
}: {
  readonly label: string;
  readonly description: string;
  readonly field: ReturnType<typeof useWholeNumberText>;
  readonly failure: string | null;
  readonly isDisabled?: boolean;
}) {
  return (
    <TextField
      label={label}
      description={description}
      value={field.text}
      onChange={field.change}
      inputMode="numeric"
      isDisabled={isDisabled}
      errorMessage={field.problem ?? failure}
      inputClassName="settings__number"
    />
  );
}

function PollingPanel({ settings }: { readonly settings: SettingsModel }) {
  const minutes = useWholeNumberText(settings.pollingIntervalMinutes, 0, MAX_POLLING_MINUTES);
  const { save, saving, failure } = useSettingsUpdate();

  const submit = async () => {
    const value = minutes.check();
    if (value === null) return;
    await save({ pollingIntervalMinutes: value }, (saved) =>
      saved.pollingIntervalMinutes === 0
        ? 'Automatic checking is off'
        : `Checking the Servers ${describePolling(saved.pollingIntervalMinutes).toLowerCase()}`,
    );
  };

  return (
    <SettingsPanel
      id="polling"
      title="Checking for news"
      intro={
        <>
          CDS Companion looks for new Messages, Grants and files on every Server in the background. Now:{' '}
          <strong>{describePolling(settings.pollingIntervalMinutes)}</strong>.
        </>
      }
    >
      <SettingsForm onSubmit={submit} saving={saving}>
        <WholeNumberField
          label="Minutes between checks"
          description="0 turns automatic checking off. At most 1440 (once a day)."
          field={minutes}
          failure={failure}
        />
      </SettingsForm>
    </SettingsPanel>
  );
}

function RotationPanel({ settings }: { readonly settings: SettingsModel }) {
  const { rotation } = settings;
  const [automatic, setAutomatic] = useState(rotation.automatic);
  const days = useWholeNumberText(rotation.daysBeforeExpiry, 1, 365);
  const { save, saving, failure } = useSettingsUpdate();
  useEffect(() => setAutomatic(rotation.automatic), [rotation.automatic]);

  const submit = async () => {
    const value = days.check();
    if (value === null) return;
    await save({ automaticRotation: automatic, rotationDaysBeforeExpiry: value }, (saved) =>
      saved.rotation.automatic
        ? `Secrets will be renewed ${saved.rotation.daysBeforeExpiry} days before they expire`
        : 'Automatic renewal of secrets is off',
    );
  };

  return (
    <SettingsPanel
      id="rotation"
      title="Renewing client secrets"
      intro={
        <>
          Servers give client secrets an expiry date. CDS Companion can create the new secret for you before
          the old one stops working, and switch over safely.
        </>
      }
    >
      <SettingsForm onSubmit={submit} saving={saving}>
        <Checkbox isSelected={automatic} onChange={setAutomatic}>
          Renew secrets automatically
        </Checkbox>
        <WholeNumberField
          label="Days before expiry"
          description="How early to renew a secret (1 to 365 days)."
          field={days}
          failure={failure}
          isDisabled={!automatic}
        />
        <dl className="facts">
          <Fact term="Last run">
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
          </Fact>
          {rotation.lastRunProblem ? (
            <Fact term="Problem">
              <StatusChip tone="danger">Failed</StatusChip> {rotation.lastRunProblem}
            </Fact>
          ) : null}
          <Fact term="Next run">
            {rotation.nextRunAt ? (
              <DateTime value={rotation.nextRunAt} />
            ) : (
              <span className="muted">None planned</span>
            )}
          </Fact>
        </dl>
      </SettingsForm>
    </SettingsPanel>
  );
}

function DownloadsPanel({ settings }: { readonly settings: SettingsModel }) {
  const [folder, setFolder] = useState(settings.downloadFolder);
  const { save, saving, failure } = useSettingsUpdate();
  useEffect(() => setFolder(settings.downloadFolder), [settings.downloadFolder]);

  const downloadsFolderButton = settings.downloadFolderIsDefault ? null : (
    <Button
      variant="secondary"
      isDisabled={saving}
      onPress={() => void save({ downloadFolder: null }, () => 'Downloads go to your Downloads folder')}
    >
      Use the Downloads folder
    </Button>
  );

  return (
    <SettingsPanel
      id="downloads"
      title="Downloads"
      intro={
        <>
          Where files from Servers and saved attachments go.{' '}
          {settings.downloadFolderIsDefault
            ? 'Now: your usual Downloads folder.'
            : 'Now: a folder you chose.'}
        </>
      }
    >
      <SettingsForm
        onSubmit={() =>
          save({ downloadFolder: folder.trim() }, (saved) => `Downloads go to ${saved.downloadFolder}`)
        }
        saving={saving}
        otherAction={downloadsFolderButton}
      >
        <TextField
          label="Download folder"
          description="The full path of an existing folder."
          value={folder}
          onChange={setFolder}
          errorMessage={failure}
          inputClassName="mono"
        />
      </SettingsForm>
    </SettingsPanel>
  );
}

function StoragePanel({ dataDir, vault }: { readonly dataDir: string; readonly vault: AppInfo['vault'] }) {
  return (
    <SettingsPanel
      id="secrets"
      title="Secrets and data"
      intro={
        <>Client secrets, tokens and device keys are kept apart from your other data, in the place below.</>
      }
    >
      <dl className="facts">
        <Fact term="Data folder" className="mono facts__path">
          {dataDir}
        </Fact>
        <Fact term="Secrets stored in">{vaultLabels[vault.backend]}</Fact>
        <Fact term="Kept after restart">
          {vault.persistent ? (
            <StatusChip tone="success">Yes</StatusChip>
          ) : (
            <StatusChip tone="warning">No</StatusChip>
          )}
        </Fact>
      </dl>
    </SettingsPanel>
  );
}

function AboutPanel({ info }: { readonly info: AppInfo }) {
  return (
    <SettingsPanel id="about" title="About">
      <dl className="facts">
        <Fact term="Application">{info.name}</Fact>
        <Fact term="Version" className="mono">
          {info.version}
        </Fact>
      </dl>
    </SettingsPanel>
  );
}
