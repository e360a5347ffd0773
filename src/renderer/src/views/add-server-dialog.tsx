import { type FormEvent, useId, useState } from 'react';
import { Form } from 'react-aria-components';
import { Dialog } from '../components/dialog';
import { FormFooter } from '../components/form-footer';
import { TextField } from '../components/text-field';
import type { ServiceOutcome } from '../ipc/cds-client';
import { useServiceAction } from '../ipc/use-service-action';
import { checkMetadataUrl } from './metadata-url';

export interface AddServerDialogProps {
  readonly isOpen: boolean;
  readonly onOpenChange: (isOpen: boolean) => void;
  /**
   * Adds the Server behind a checked metadata URL. The primary button appears only when a handler is
   * given, i.e. when the service offers a way to add Servers; the address check works either way.
   */
  readonly onSubmit?: (metadataUrl: string) => Promise<ServiceOutcome<unknown>>;
}

/**
 * "Add a Server": one address field, checked as the person types (after their first attempt or
 * when they leave the field), with the completed well-known URL shown so nothing is hidden.
 */
export function AddServerDialog({ isOpen, onOpenChange, onSubmit }: AddServerDialogProps) {
  return (
    <Dialog
      title="Add a Server"
      description="Enter the address of your utility's CDS Server. You can find it on the utility's data-access or developer page."
      isOpen={isOpen}
      onOpenChange={onOpenChange}
    >
      {(close) => <AddServerForm close={close} onSubmit={onSubmit} />}
    </Dialog>
  );
}

function AddServerForm({
  close,
  onSubmit,
}: {
  readonly close: () => void;
  readonly onSubmit: AddServerDialogProps['onSubmit'];
}) {
  const [value, setValue] = useState('');
  const [touched, setTouched] = useState(false);
  const { pending, failure, run, clearFailure } = useServiceAction();
  const previewId = useId();

  const check = checkMetadataUrl(value);
  const errorMessage = touched && !check.ok ? check.reason : null;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setTouched(true);
    if (!check.ok || !onSubmit || pending) return;
    await run(() => onSubmit(check.url), close);
  };

  return (
    <Form className="form" onSubmit={(event) => void submit(event)} validationBehavior="aria">
      <TextField
        label="Server address"
        name="metadataUrl"
        type="url"
        inputMode="url"
        autoFocus
        value={value}
        onChange={(next) => {
          setValue(next);
          if (failure) clearFailure();
        }}
        onBlur={() => {
          if (value.trim().length > 0) setTouched(true);
        }}
        placeholder="https://utility.example"
        description="A host name is enough: the standard metadata path is added for you."
        errorMessage={errorMessage}
        isDisabled={pending}
        inputClassName="mono"
        aria-describedby={check.ok ? previewId : undefined}
      />
      {check.ok ? (
        <p className="form__preview" id={previewId}>
          {check.completed ? 'The Server’s details will be read from ' : 'Server details: '}
          <code className="form__preview-url">{check.url}</code>
        </p>
      ) : null}
      <FormFooter
        failure={failure}
        errorTitle="The Server could not be added"
        pending={pending}
        onRetry={() => void submit()}
        onCancel={close}
        submitLabel={onSubmit ? 'Add Server' : null}
      />
    </Form>
  );
}
