import { useState } from 'react';
import type { CredentialView } from '../../../../shared/ipc/credentials-contract';
import { Checkbox } from '../../components/checkbox';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { showToast, useToastQueue } from '../../components/toast-region';
import { useCdsApi } from '../../ipc/cds-api-context';
import { callService } from '../../ipc/cds-client';

/**
 * "Expire this secret?" (cds-wg1-02 §7.6: expiring a Credential kills its secret and every token
 * issued with it at once), for a secret that may have leaked. The secret in use can only be expired
 * with "force" when it is the last one that works: the Client Object then stops until rotated.
 */
export function ExpireCredentialDialog({
  serverId,
  serverName,
  credential,
  onOpenChange,
  onExpired,
}: {
  readonly serverId: string;
  readonly serverName: string;
  readonly credential: CredentialView | null;
  readonly onOpenChange: (isOpen: boolean) => void;
  readonly onExpired: () => void;
}) {
  const api = useCdsApi();
  const toasts = useToastQueue();
  const [force, setForce] = useState(false);
  if (credential === null) return null;
  return (
    <ConfirmDialog
      title={`Expire secret ${credential.credentialId}?`}
      confirmLabel="Expire the secret"
      cancelLabel="Keep it"
      errorTitle="The secret could not be expired"
      isOpen
      onOpenChange={(open) => {
        if (!open) setForce(false);
        onOpenChange(open);
      }}
      onConfirm={() =>
        // An absent option is left out, not sent as undefined: JSON transports turn that into null.
        callService(api, (cds) =>
          force
            ? cds.credentials.expire(serverId, credential.credentialId, { force: true })
            : cds.credentials.expire(serverId, credential.credentialId),
        )
      }
      onDone={(expired) => {
        setForce(false);
        onExpired();
        showToast(toasts, {
          tone: 'success',
          title: `Secret ${expired.credentialId} expired`,
          description: `${serverName} no longer accepts it, nor any token issued with it.`,
        });
      }}
    >
      <p>
        {serverName} will refuse this secret from now on, and every token issued with it stops working. Do
        this when the secret may have been seen by someone else.
      </p>
      {credential.active ? (
        <>
          <p className="confirm-dialog__warning">
            CDS Companion uses this secret for the Client Object {credential.clientId}. If another working
            secret exists it switches to that one; otherwise, rotating is the safer choice.
          </p>
          <Checkbox isSelected={force} onChange={setForce}>
            Expire it even if it is the last working secret (the Client Object stops working until a new
            secret is created)
          </Checkbox>
        </>
      ) : null}
    </ConfirmDialog>
  );
}
