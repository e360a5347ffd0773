import { useState } from 'react';
import type { AttachmentView, MessageView } from '../../../../shared/ipc/messages-contract';
import { Button } from '../../components/button';
import { FileIcon } from '../../components/icons';
import { formatBytes } from './message-wording';

/**
 * A Message's attachments (cds-wg1-02 §6.7): name, type and size; the data stays with the Server
 * until a person saves one, then it is written into the download folder (never overwriting a file).
 */
export function MessageAttachments({
  message,
  onSave,
}: {
  readonly message: MessageView;
  readonly onSave: (message: MessageView, attachment: AttachmentView) => Promise<void>;
}) {
  const [saving, setSaving] = useState<number | null>(null);
  if (message.attachments.length === 0) return null;
  const save = async (attachment: AttachmentView) => {
    setSaving(attachment.index);
    await onSave(message, attachment);
    setSaving(null);
  };
  return (
    <ul className="message-attachments" aria-label="Attachments">
      {message.attachments.map((attachment) => (
        <li key={attachment.index} className="message-attachment">
          <FileIcon size={18} />
          <span className="message-attachment__text">
            <span className="message-attachment__name">{attachment.filename}</span>
            <span className="message-attachment__meta">
              {formatBytes(attachment.size)} · {attachment.mimeType}
            </span>
          </span>
          <Button
            variant="secondary"
            size="sm"
            aria-label={`Save ${attachment.filename}`}
            isPending={saving === attachment.index}
            onPress={() => void save(attachment)}
          >
            Save
          </Button>
        </li>
      ))}
    </ul>
  );
}
