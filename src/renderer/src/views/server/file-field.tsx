import { useId, useState } from 'react';
import { FileTrigger } from 'react-aria-components';
import { Button } from '../../components/button';
import type { RegistrationFieldProps } from './registration-field-props';
import { type ChosenFile, defaultMaxFileBytes, formatFileSize, readChosenFile } from './registration-values';

/**
 * An image or PDF registration field (cds-wg1-02 §3.7): a button opens the system file chooser; the
 * file is read here, refused over the field's `max_size` before reading, and kept as Base64. Images
 * show a small preview (a data: URL, which the CSP allows for images only).
 */
export function FileField({
  field,
  label,
  value,
  onChange,
  errorMessage,
}: RegistrationFieldProps<ChosenFile | null>) {
  const [readError, setReadError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const labelId = useId();
  const helpId = useId();
  const errorId = useId();
  const isImage = field.format?.startsWith('image') ?? false;
  const limit = field.maxSize ?? defaultMaxFileBytes;
  const accepted = isImage ? ['image/png', 'image/jpeg'] : ['application/pdf'];
  const shownError = readError ?? errorMessage;

  const choose = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setReading(true);
    const outcome = await readChosenFile(file, limit);
    setReading(false);
    if (outcome.ok) {
      setReadError(null);
      onChange(outcome.file);
    } else {
      setReadError(outcome.reason);
    }
  };

  return (
    <fieldset className="file-field" aria-describedby={helpId}>
      <legend className="text-field__label" id={labelId}>
        {label}
      </legend>
      <div className="file-field__row">
        {value && isImage && (value.type === 'image/png' || value.type === 'image/jpeg') ? (
          <img className="file-field__preview" src={`data:${value.type};base64,${value.base64}`} alt="" />
        ) : null}
        {value ? (
          <span className="file-field__chosen">
            <span className="file-field__name">{value.name}</span>
            <span className="file-field__size">{formatFileSize(value.size)}</span>
          </span>
        ) : (
          <span className="file-field__none">No file chosen</span>
        )}
        <FileTrigger acceptedFileTypes={accepted} onSelect={(files) => void choose(files)}>
          <Button
            variant="secondary"
            size="sm"
            isPending={reading}
            aria-describedby={shownError ? `${helpId} ${errorId}` : helpId}
          >
            {value ? 'Choose another file' : `Choose ${isImage ? 'an image' : 'a PDF'}`}
          </Button>
        </FileTrigger>
        {value && !field.required ? (
          <Button
            variant="quiet"
            size="sm"
            onPress={() => {
              setReadError(null);
              onChange(null);
            }}
          >
            Remove
          </Button>
        ) : null}
      </div>
      <span className="text-field__description" id={helpId}>
        {field.description} {isImage ? 'PNG or JPEG' : 'PDF'}, at most {formatFileSize(limit)}.
      </span>
      {shownError ? (
        <span className="text-field__error" id={errorId} role="alert">
          {shownError}
        </span>
      ) : null}
    </fieldset>
  );
}
