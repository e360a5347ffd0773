import { useState } from 'react';
import { Group, Input, Label, NumberField, Text } from 'react-aria-components';
import type { SettingsUpdate, SettingsView } from '../../../../shared/ipc/settings-contract';
import { Checkbox } from '../../components/checkbox';
import { DateTime } from '../../components/date-time';
import { showFailureToast, showToast, useToastQueue } from '../../components/toast-region';
import { useCdsApi } from '../../ipc/cds-api-context';
import { callService } from '../../ipc/cds-client';
import { useServiceQuery } from '../../ipc/use-service-query';
import { useRendererStores, useSettingsStore } from '../../stores/renderer-stores';

// Scheduled rotation (SECURITY.md "secret rotation"): the app rotates every secret that expires
// within the chosen number of days, shortly after start and then daily (credentials.rotateExpiring).
// The policy is app-wide; it is shown here, next to the secrets it acts on.

export function RotationSchedule() {
  const api = useCdsApi();
  const stores = useRendererStores();
  const toasts = useToastQueue();
  const [saving, setSaving] = useState(false);
  const loaded = useServiceQuery({ key: 'settings.get', load: (cds) => cds.settings.get() });
  // The event `settings.changed` keeps the settings store current; the first load fills it here.
  const recorded = useSettingsStore((state) => state.settings);
  const settings: SettingsView | null =
    recorded ?? (loaded.state.status === 'ready' ? loaded.state.value : null);

  const save = async (update: SettingsUpdate, done: string) => {
    setSaving(true);
    const outcome = await callService(api, (cds) => cds.settings.update(update));
    setSaving(false);
    if (!outcome.ok) {
      showFailureToast(
        toasts,
        'The rotation schedule could not be saved',
        outcome.failure,
        () => void save(update, done),
      );
      return;
    }
    stores.settings.getState().recordSettings(outcome.value);
    showToast(toasts, { tone: 'success', title: done });
  };

  if (settings === null) return null;
  const { rotation } = settings;
  return (
    <section className="panel rotation-schedule" aria-labelledby="rotation-schedule-title">
      <h3 className="panel__title" id="rotation-schedule-title">
        Scheduled rotation
      </h3>
      <div className="rotation-schedule__controls">
        <Checkbox
          isSelected={rotation.automatic}
          isDisabled={saving}
          onChange={(automatic) =>
            void save(
              { automaticRotation: automatic },
              automatic ? 'Scheduled rotation turned on' : 'Scheduled rotation turned off',
            )
          }
          description="Applies to every Server in CDS Companion."
        >
          Rotate secrets automatically before they expire
        </Checkbox>
        <NumberField
          className="text-field rotation-schedule__days"
          value={rotation.daysBeforeExpiry}
          minValue={1}
          maxValue={365}
          step={1}
          isDisabled={saving || !rotation.automatic}
          onChange={(days) => {
            if (Number.isInteger(days) && days !== rotation.daysBeforeExpiry)
              void save(
                { rotationDaysBeforeExpiry: days },
                `Secrets are now rotated ${days} days before they expire`,
              );
          }}
        >
          <Label className="text-field__label">Days before expiry</Label>
          <Group className="rotation-schedule__days-group">
            <Input className="text-field__input" />
          </Group>
          <Text slot="description" className="text-field__description">
            Between 1 and 365.
          </Text>
        </NumberField>
      </div>
      <p className="rotation-schedule__runs muted">
        {rotation.lastRunAt ? (
          <>
            Last run <DateTime value={rotation.lastRunAt} />:{' '}
            {rotation.lastRunProblem ??
              `${rotation.lastRunRotated ?? 0} secret${rotation.lastRunRotated === 1 ? '' : 's'} rotated.`}
          </>
        ) : (
          'Not run yet.'
        )}{' '}
        {rotation.automatic && rotation.nextRunAt ? (
          <>
            Next run <DateTime value={rotation.nextRunAt} />.
          </>
        ) : null}
      </p>
    </section>
  );
}
