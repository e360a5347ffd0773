import type { ClientUpdateResult } from '../../../../shared/ipc/clients-contract';
import { Button } from '../../components/button';
import { humanizeCode } from './cds-wording';

/**
 * A change the Server accepted for review (HTTP 202, cds-wg1-02 §5.5): which fields wait, and the
 * Message that tracks the review.
 */
export function ReviewPending({
  update,
  onOpenMessage,
}: {
  readonly update: ClientUpdateResult;
  readonly onOpenMessage: ((messageId: string) => void) | undefined;
}) {
  const fields = update.pendingFields.map((field) => humanizeCode(field.replace(/^cds_/, '')));
  const message = update.reviewMessage;
  return (
    <div className="callout callout--info" role="status">
      <div className="callout__body">
        <p className="callout__title">Waiting for the Server’s review</p>
        <p className="callout__text">
          {fields.length > 0
            ? `${fields.join(', ')} will change once the Server approves.`
            : 'The change will apply once the Server approves.'}
          {message
            ? ` The review is tracked in the Message “${message.name}” (${humanizeCode(message.status).toLowerCase()}).`
            : ''}
        </p>
      </div>
      {message && onOpenMessage ? (
        <Button variant="secondary" size="sm" onPress={() => onOpenMessage(message.messageId)}>
          See the Message
        </Button>
      ) : null}
    </div>
  );
}
