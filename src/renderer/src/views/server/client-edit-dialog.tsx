import { type FormEvent, useState } from 'react';
import { Form } from 'react-aria-components';
import type {
  ClientChanges,
  ClientDetail,
  ClientUpdateResult,
} from '../../../../shared/ipc/clients-contract';
import { ChoiceGroup } from '../../components/choice-group';
import { Dialog } from '../../components/dialog';
import { FormFooter } from '../../components/form-footer';
import { TextField } from '../../components/text-field';
import type { ServiceOutcome } from '../../ipc/cds-client';
import { useServiceAction } from '../../ipc/use-service-action';
import { humanizeCode } from './cds-wording';
import { isValidEmail, splitContacts } from './registration-values';

function contactsOf(client: ClientDetail): string {
  const contacts = client.object.contacts;
  return Array.isArray(contacts) ? contacts.filter((item) => typeof item === 'string').join(', ') : '';
}

/** The changes between the Client Object and the form, or null when nothing changed. */
export function clientEdits(
  client: ClientDetail,
  form: { readonly name: string; readonly contacts: string; readonly status: string },
): ClientChanges | null {
  const changes: { name?: string; contacts?: string[]; status?: string } = {};
  if (form.name.trim() !== client.name) changes.name = form.name.trim();
  const contacts = splitContacts(form.contacts);
  if (contacts.join(',') !== splitContacts(contactsOf(client)).join(',')) changes.contacts = contacts;
  if (form.status !== client.status) changes.status = form.status;
  return Object.keys(changes).length === 0 ? null : changes;
}

/**
 * Edits a Client Object's name, contacts and status (cds-wg1-02 §5.5; status only among its
 * `cds_status_options`, §5.1). The Companion sends the full object; the Server may hold a change
 * for review (202), which the detail view then shows.
 */
export function ClientEditDialog({
  client,
  isOpen,
  onOpenChange,
  update,
}: {
  readonly client: ClientDetail;
  readonly isOpen: boolean;
  readonly onOpenChange: (isOpen: boolean) => void;
  readonly update: (changes: ClientChanges, done: string) => Promise<ServiceOutcome<ClientUpdateResult>>;
}) {
  return (
    <Dialog title={`Edit ${client.name}`} isOpen={isOpen} onOpenChange={onOpenChange}>
      {(close) => <ClientEditForm client={client} close={close} update={update} />}
    </Dialog>
  );
}

function ClientEditForm({
  client,
  close,
  update,
}: {
  readonly client: ClientDetail;
  readonly close: () => void;
  readonly update: (changes: ClientChanges, done: string) => Promise<ServiceOutcome<ClientUpdateResult>>;
}) {
  const [name, setName] = useState(client.name);
  const [contacts, setContacts] = useState(contactsOf(client));
  const [status, setStatus] = useState(client.status);
  const { pending, failure, run } = useServiceAction();
  const nameProblem =
    name.trim() === ''
      ? 'Enter a name.'
      : [...name.trim()].length > 200
        ? 'Use at most 200 characters.'
        : null;
  const badContact = splitContacts(contacts).find((contact) => !isValidEmail(contact));
  const contactsProblem = badContact ? `"${badContact}" is not an email address.` : null;
  const statuses = [...new Set([client.status, ...client.statusOptions])];

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (nameProblem || contactsProblem) return;
    const changes = clientEdits(client, { name, contacts, status });
    if (changes === null) {
      close();
      return;
    }
    await run(() => update(changes, `${name.trim()} saved`), close);
  };

  return (
    <Form className="form" onSubmit={(event) => void save(event)} validationBehavior="aria">
      <TextField
        label="Name"
        value={name}
        onChange={setName}
        errorMessage={nameProblem}
        isRequired
        autoFocus
      />
      <TextField
        label="Contact emails"
        description="Separate several with commas."
        value={contacts}
        onChange={setContacts}
        errorMessage={contactsProblem}
      />
      {statuses.length > 1 ? (
        <ChoiceGroup
          label="Status"
          description="Only the statuses the Server allows for this Client Object are offered."
          choices={statuses.map((value) => ({ value, label: humanizeCode(value) }))}
          value={status}
          onChange={setStatus}
        />
      ) : null}
      <FormFooter
        failure={failure}
        errorTitle="The Client Object could not be saved"
        pending={pending}
        onRetry={() => void save()}
        onCancel={close}
        submitLabel="Save"
      />
    </Form>
  );
}
