import { useState } from 'react';
import type { DeviceKeyView } from '../../../../shared/ipc/keys-contract';
import { Button } from '../../components/button';
import { DateTime } from '../../components/date-time';
import { Dialog, DialogActions } from '../../components/dialog';
import { ErrorState } from '../../components/error-state';
import { Fact } from '../../components/fact';
import { QueryView } from '../../components/query-view';
import { StatusChip } from '../../components/status-chip';
import { showToast, useToastQueue } from '../../components/toast-region';
import { useCdsApi } from '../../ipc/cds-api-context';
import { callService } from '../../ipc/cds-client';
import { useServiceAction } from '../../ipc/use-service-action';
import { useServiceQuery } from '../../ipc/use-service-query';

// This computer's device key for one Server (cds-wg3-01 §7.4.6 Additional JWK Encryption), said in
// plain words: only the public half is ever shown; the private key stays in the vault.

/** The first characters of a key id: enough to tell keys apart on screen. */
export function shortKid(kid: string): string {
  return kid.length > 12 ? `${kid.slice(0, 12)}…` : kid;
}

export function DeviceKeyPanel({
  serverId,
  serverName,
}: {
  readonly serverId: string;
  readonly serverName: string;
}) {
  const keys = useServiceQuery({
    key: `keys.show:${serverId}`,
    load: (cds) => cds.keys.show(serverId),
    watch: ['keys'],
    serverId,
  });
  const [isRotateOpen, setRotateOpen] = useState(false);
  return (
    <section className="panel device-key" aria-labelledby="device-key-title">
      <h2 className="panel__title" id="device-key-title">
        This computer’s device key
      </h2>
      <p className="panel__intro">
        When a customer authorizes you, {serverName} can lock their data with a key that belongs to this
        computer. The data then travels locked, and only this computer can unlock it: the part of the key that
        unlocks stays in this computer’s secret store and is never sent anywhere. Anyone who copies the data
        on the way sees only scrambled bytes.
      </p>
      <QueryView
        query={keys.state}
        loadingLabel="Loading the device key"
        errorTitle="The device key could not be shown"
        onRetry={keys.reload}
      >
        {(loaded) => (
          <>
            <KeyFacts current={loaded.current} />
            {loaded.keys.length > 1 ? <OlderKeys keys={loaded.keys.filter((key) => !key.current)} /> : null}
            <div className="device-key__actions">
              <Button variant="secondary" onPress={() => setRotateOpen(true)}>
                Make a new key…
              </Button>
            </div>
          </>
        )}
      </QueryView>
      <RotateKeyDialog
        serverId={serverId}
        isOpen={isRotateOpen}
        onOpenChange={setRotateOpen}
        onRotated={keys.reload}
      />
    </section>
  );
}

function KeyFacts({ current }: { readonly current: DeviceKeyView }) {
  const used = current.grantIds.length;
  return (
    <dl className="facts">
      <Fact term="Key">
        <span className="mono" title={current.kid}>
          {shortKid(current.kid)}
        </span>{' '}
        <StatusChip tone="success">In use for new authorizations</StatusChip>
      </Fact>
      <Fact term="Made">
        <DateTime value={current.createdAt} />
      </Fact>
      <Fact term="Locks data of">
        {used === 0 ? (
          <span className="muted">No authorization yet</span>
        ) : (
          <span title={current.grantIds.join(', ')}>
            {used} authorization{used === 1 ? '' : 's'}
          </span>
        )}
      </Fact>
    </dl>
  );
}

function OlderKeys({ keys }: { readonly keys: readonly DeviceKeyView[] }) {
  return (
    <div className="device-key__older">
      <h3 className="device-key__subtitle">Older keys kept for existing authorizations</h3>
      <ul className="device-key__list">
        {keys.map((key) => (
          <li key={key.kid}>
            <span className="mono" title={key.kid}>
              {shortKid(key.kid)}
            </span>{' '}
            made <DateTime value={key.createdAt} dateOnly />, used by {key.grantIds.length} authorization
            {key.grantIds.length === 1 ? '' : 's'}
          </li>
        ))}
      </ul>
    </div>
  );
}

function RotateKeyDialog({
  serverId,
  isOpen,
  onOpenChange,
  onRotated,
}: {
  readonly serverId: string;
  readonly isOpen: boolean;
  readonly onOpenChange: (isOpen: boolean) => void;
  readonly onRotated: () => void;
}) {
  const api = useCdsApi();
  const toasts = useToastQueue();
  const { pending, failure, run } = useServiceAction();
  const rotate = (close: () => void) =>
    run(
      () => callService(api, (cds) => cds.keys.rotate(serverId)),
      (keys) => {
        showToast(toasts, {
          tone: 'success',
          title: 'New device key made',
          description: `New authorizations use key ${shortKid(keys.current.kid)}.`,
        });
        onRotated();
        close();
      },
    );
  return (
    <Dialog title="Make a new device key?" isOpen={isOpen} onOpenChange={onOpenChange} size="sm">
      {(close) => (
        <>
          <p>
            New authorizations will lock data with the new key. Customers who already authorized keep working:
            their data stays locked with the old key, which this computer keeps until they authorize again.
          </p>
          {failure ? <ErrorState title="The new key could not be made" failure={failure} /> : null}
          <DialogActions>
            <Button variant="secondary" onPress={close} isDisabled={pending}>
              Cancel
            </Button>
            <Button variant="primary" onPress={() => void rotate(close)} isPending={pending}>
              Make a new key
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
