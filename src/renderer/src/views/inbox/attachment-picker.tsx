import { useId, useState } from 'react';
import { DropZone, type FileDropItem, FileTrigger, Text } from 'react-aria-components';
import { Button } from '../../components/button';
import { PaperclipIcon } from '../../components/icons';
import { attachmentBudgetBytes, type PickedAttachment } from './compose-model';
import { formatBytes } from './message-wording';
import { readAttachment } from './read-attachment';

/**
 * Files to send with a Message (cds-wg1-02 §6.7): dropped onto the area or chosen with the system
 * file chooser; each listed with its size and a Remove button, with the total against the 10 MB a
 * Server must accept (§6.9).
 */
export function AttachmentPicker({
  value,
  onChange,
  errorMessage,
}: {
  readonly value: readonly PickedAttachment[];
  readonly onChange: (next: readonly PickedAttachment[]) => void;
  readonly errorMessage?: string | undefined;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const helpId = useId();
  const total = value.reduce((sum, file) => sum + file.size, 0);
  const shownError = problem ?? errorMessage ?? null;

  const add = async (files: readonly File[]) => {
    if (files.length === 0) return;
    setReading(true);
    const added: PickedAttachment[] = [];
    const problems: string[] = [];
    for (const file of files) {
      const outcome = await readAttachment(file);
      if (outcome.ok) added.push(outcome.attachment);
      else problems.push(outcome.reason);
    }
    setReading(false);
    setProblem(problems.length > 0 ? problems.join(' ') : null);
    if (added.length > 0) onChange([...value, ...added]);
  };

  return (
    <fieldset className="attachment-picker" aria-describedby={helpId}>
      <legend className="text-field__label">Attachments</legend>
      <DropZone
        className="attachment-picker__zone"
        aria-label="Drop files to attach"
        getDropOperation={() => 'copy'}
        onDrop={async (event) => {
          const items = event.items.filter((item): item is FileDropItem => item.kind === 'file');
          await add(await Promise.all(items.map((item) => item.getFile())));
        }}
      >
        <PaperclipIcon size={18} />
        <Text slot="label" className="attachment-picker__hint">
          Drop files here, or
        </Text>
        <FileTrigger allowsMultiple onSelect={(files) => void add(files ? [...files] : [])}>
          <Button variant="secondary" size="sm" isPending={reading}>
            Choose files…
          </Button>
        </FileTrigger>
      </DropZone>
      {value.length > 0 ? (
        <ul className="attachment-picker__list stack-list" aria-label="Files to attach">
          {value.map((file) => (
            <li key={file.id} className="attachment-picker__file">
              <span className="attachment-picker__name">{file.filename}</span>
              <span className="attachment-picker__size">{formatBytes(file.size)}</span>
              <Button
                variant="quiet"
                size="sm"
                aria-label={`Remove ${file.filename}`}
                onPress={() => onChange(value.filter((other) => other.id !== file.id))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <span className="text-field__description" id={helpId}>
        {value.length > 0
          ? `${formatBytes(total)} of ${formatBytes(attachmentBudgetBytes)} used.`
          : `Up to ${formatBytes(attachmentBudgetBytes)} in all; the Server keeps the files with the Message.`}
      </span>
      {shownError ? (
        <span className="text-field__error" role="alert">
          {shownError}
        </span>
      ) : null}
    </fieldset>
  );
}
