import type { MessageView } from '../../../../shared/ipc/messages-contract';
import { StatusChip } from '../../components/status-chip';
import { hasFollowedStatus, messageStatusPresentation } from './message-wording';

/**
 * A Message's effective status (cds-wg1-02 §6.2: the newest request_update overrides the Message's
 * own status), in words; nothing for Messages whose status is always `complete`.
 */
export function MessageStatusChip({
  message,
}: {
  readonly message: Pick<MessageView, 'type' | 'effectiveStatus'>;
}) {
  if (!hasFollowedStatus(message)) return null;
  const { tone, label } = messageStatusPresentation(message.effectiveStatus);
  return <StatusChip tone={tone}>{label}</StatusChip>;
}
