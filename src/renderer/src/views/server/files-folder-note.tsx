import { useState } from 'react';
import { Button } from '../../components/button';
import { showFailureToast, showToast, useToastQueue } from '../../components/toast-region';
import { useCdsApi } from '../../ipc/cds-api-context';
import { callService } from '../../ipc/cds-client';
import { useServiceQuery } from '../../ipc/use-service-query';
import { useRendererStores } from '../../stores/renderer-stores';

/** Where downloads are saved (the settings' download folder) and a way to choose another. */
export function FilesFolderNote() {
  const api = useCdsApi();
  const stores = useRendererStores();
  const toasts = useToastQueue();
  const [choosing, setChoosing] = useState(false);
  const settings = useServiceQuery({ key: 'settings.get', load: (cds) => cds.settings.get() });

  const choose = async () => {
    setChoosing(true);
    const outcome = await callService(api, async (cds) => {
      const { folder } = await cds.files.pickFolder({ title: 'Save downloaded files in' });
      return folder === null ? null : cds.settings.update({ downloadFolder: folder });
    });
    setChoosing(false);
    if (!outcome.ok) {
      showFailureToast(toasts, 'The download folder could not be changed', outcome.failure);
      return;
    }
    if (outcome.value === null) return;
    stores.settings.getState().recordSettings(outcome.value);
    settings.reload();
    showToast(toasts, {
      tone: 'success',
      title: 'Download folder changed',
      description: `Files are now saved to ${outcome.value.downloadFolder}`,
    });
  };

  if (settings.state.status !== 'ready') return null;
  return (
    <p className="files-folder">
      <span>
        Downloads are saved to{' '}
        <span className="mono files-folder__path">{settings.state.value.downloadFolder}</span>
      </span>
      <Button variant="quiet" size="sm" onPress={() => void choose()} isPending={choosing}>
        Change folder…
      </Button>
    </p>
  );
}
