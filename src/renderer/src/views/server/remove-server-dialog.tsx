import type { RemovalReport, ServerSummary } from '../../../../shared/ipc/servers-contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import type { ServiceOutcome } from '../../ipc/cds-client';

/**
 * "Remove this Server?": what removing does, spelled out before it happens (SECURITY.md: a removed
 * Server leaves nothing behind on this computer; tokens are revoked first, RFC 7009), and what it
 * does not do (the registration and Client Objects stay on the Server).
 */
export function RemoveServerDialog({
  server,
  isOpen,
  onOpenChange,
  onRemove,
}: {
  readonly server: ServerSummary;
  readonly isOpen: boolean;
  readonly onOpenChange: (isOpen: boolean) => void;
  readonly onRemove: () => Promise<ServiceOutcome<RemovalReport>>;
}) {
  return (
    <ConfirmDialog
      title={`Remove ${server.name}?`}
      size="md"
      className="remove-server"
      confirmLabel={`Remove ${server.name}`}
      cancelLabel="Keep the Server"
      errorTitle="The Server could not be removed"
      isOpen={isOpen}
      onOpenChange={onOpenChange}
      onConfirm={onRemove}
    >
      <p>CDS Companion will:</p>
      <ul className="remove-server__list">
        {server.registered ? (
          <li>
            <strong>revoke</strong> every access and refresh token it holds for this Server, so they stop
            working at once;
          </li>
        ) : null}
        <li>
          <strong>delete from this computer</strong> the client secrets, tokens and device keys it keeps for
          this Server;
        </li>
        <li>
          <strong>delete</strong> its saved copies of this Server’s details, Client Objects, Messages,
          Credentials, Grants and file list.
        </li>
      </ul>
      {server.registered ? (
        <p className="remove-server__note">
          Your registration, Client Objects and Grants stay on the Server: the utility keeps them, and adding
          the Server again later will not bring back the secrets deleted here.
        </p>
      ) : (
        <p className="remove-server__note">
          You have not registered with this Server, so nothing is revoked.
        </p>
      )}
    </ConfirmDialog>
  );
}
