import { useState } from 'react';
import type { MessageView } from '../../../../shared/ipc/messages-contract';
import type { ScopeView } from '../../../../shared/ipc/servers-contract';
import { ChoiceGroup } from '../../components/choice-group';
import { Dialog } from '../../components/dialog';
import { FormFooter } from '../../components/form-footer';
import { QueryView } from '../../components/query-view';
import { TextAreaField } from '../../components/text-area-field';
import { TextField } from '../../components/text-field';
import { useServiceAction } from '../../ipc/use-service-action';
import { useServiceQuery } from '../../ipc/use-service-query';
import { AttachmentPicker } from './attachment-picker';
import {
  type ComposeDraft,
  type ComposeErrors,
  type ComposeKind,
  checkDraft,
  emptyDraft,
} from './compose-model';
import { GrantRequestFields } from './grant-request-fields';
import { subjectOf } from './message-wording';
import { SubmissionFields } from './submission-fields';
import type { InboxActions } from './use-inbox-actions';

/** What the dialog writes: a new Message, a reply to one, or the answer to a server_request. */
export type ComposeMode =
  | { readonly type: 'new' }
  | { readonly type: 'reply'; readonly replyTo: MessageView }
  | { readonly type: 'answer'; readonly request: MessageView };

const newKinds = [
  { value: 'private_message', label: 'Message' },
  { value: 'support_request', label: 'Support request' },
  { value: 'production_request', label: 'Production request' },
  { value: 'grant_request', label: 'Grant request' },
] as const;

// cds-wg1-02 §6.9: a reply (previous_uri) is a private_message or a support_request.
const replyKinds = newKinds.slice(0, 2);

const kindHelp: Readonly<Record<ComposeKind, string>> = {
  private_message: 'A message to the Server’s staff.',
  support_request: 'Ask for technical help; the Server follows it up with status updates.',
  production_request: 'Ask the Server to create a production Client Object like one of your sandbox ones.',
  grant_request: 'Ask the Server to create Grants for a Client Object, yours or another organisation’s.',
  client_submission: 'Your answer to the Server’s request.',
};

function titleOf(mode: ComposeMode, serverName: string): string {
  switch (mode.type) {
    case 'new':
      return `New message to ${serverName}`;
    case 'reply':
      return `Reply to “${subjectOf(mode.replyTo)}”`;
    case 'answer':
      return `Answer “${subjectOf(mode.request)}”`;
  }
}

export interface ComposeDialogProps {
  readonly mode: ComposeMode | null;
  readonly serverId: string;
  readonly serverName: string;
  readonly scopes: readonly ScopeView[];
  readonly send: InboxActions['send'];
  readonly onClose: () => void;
  readonly onSent: (message: MessageView, mode: ComposeMode) => void;
}

/** Compose, reply and answer: every type a Client may create (cds-wg1-02 §6.9), with attachments. */
export function ComposeDialog({ mode, serverName, onClose, ...rest }: ComposeDialogProps) {
  return (
    <Dialog
      title={mode ? titleOf(mode, serverName) : ''}
      isOpen={mode !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      size="lg"
    >
      {(close) =>
        mode ? <ComposeForm mode={mode} serverName={serverName} onClose={close} {...rest} /> : null
      }
    </Dialog>
  );
}

function ComposeForm({
  mode,
  serverId,
  serverName,
  scopes,
  send,
  onClose,
  onSent,
}: Omit<ComposeDialogProps, 'mode'> & { readonly mode: ComposeMode }) {
  const replyTo = mode.type === 'reply' ? mode.replyTo : mode.type === 'answer' ? mode.request : null;
  const [draft, setDraft] = useState<ComposeDraft>(() =>
    emptyDraft(mode.type === 'answer' ? 'client_submission' : 'private_message', replyTo),
  );
  const [errors, setErrors] = useState<ComposeErrors>({});
  const { pending: sending, failure, run } = useServiceAction();
  const needsClients = draft.kind === 'production_request' || draft.kind === 'grant_request';
  const clients = useServiceQuery({
    key: `clients.list:${serverId}`,
    load: (cds) => cds.clients.list(serverId),
    watch: ['clients'],
    serverId,
    enabled: needsClients,
  });

  const change = (patch: Partial<ComposeDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(patch)) {
        if (key === 'clientId' || key === 'otherClientUri') delete next.client;
        else delete next[key as keyof ComposeErrors];
      }
      return next;
    });
  };

  const submit = async () => {
    const checked = checkDraft(draft, replyTo);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    await run(
      () => send(checked.input),
      (sent) => {
        onSent(sent, mode);
        onClose();
      },
    );
  };

  return (
    <form
      className="form compose-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {mode.type !== 'answer' ? (
        <ChoiceGroup
          label="What are you sending?"
          value={draft.kind}
          choices={mode.type === 'new' ? newKinds : replyKinds}
          description={kindHelp[draft.kind]}
          onChange={(kind) => change({ kind: kind as ComposeKind })}
        />
      ) : null}

      {draft.kind === 'private_message' || draft.kind === 'support_request' ? (
        <>
          <TextField
            label="Subject"
            value={draft.subject}
            onChange={(subject) => change({ subject })}
            errorMessage={errors.subject ?? null}
            isRequired
          />
          <TextAreaField
            label="Message"
            value={draft.body}
            onChange={(body) => change({ body })}
            errorMessage={errors.body ?? null}
            isRequired
          />
          {draft.kind === 'support_request' ? (
            <TextField
              label="API address it is about (optional)"
              placeholder="https://utility.example/cds-api/v1/…"
              value={draft.relatedUri}
              onChange={(relatedUri) => change({ relatedUri })}
              errorMessage={errors.relatedUri ?? null}
            />
          ) : null}
        </>
      ) : null}

      {needsClients ? (
        <QueryView
          query={clients.state}
          loadingLabel="Loading your Client Objects"
          errorTitle="Your Client Objects could not be loaded"
          onRetry={clients.reload}
        >
          {(list) =>
            draft.kind === 'production_request' ? (
              <ChoiceGroup
                label="Sandbox Client Object to take to production"
                orientation="vertical"
                value={draft.clientId}
                errorMessage={errors.client ?? null}
                // cds-wg1-02 §6.9: related_uri is a Client Object with `sandbox` in cds_status_options.
                choices={list
                  .filter((client) => client.statusOptions.includes('sandbox'))
                  .map((client) => ({ value: client.clientId, label: `${client.name} (${client.scope})` }))}
                onChange={(clientId) => change({ clientId })}
              />
            ) : (
              <GrantRequestFields
                draft={draft}
                errors={errors}
                clients={list}
                scopes={scopes}
                onChange={change}
              />
            )
          }
        </QueryView>
      ) : null}

      {needsClients ? (
        <TextAreaField
          label="Note for the Server (optional)"
          rows={3}
          value={draft.body}
          onChange={(body) => change({ body })}
        />
      ) : null}

      {draft.kind === 'client_submission' && mode.type === 'answer' ? (
        <SubmissionFields request={mode.request} draft={draft} errors={errors} onChange={change} />
      ) : null}

      <AttachmentPicker
        value={draft.attachments}
        onChange={(attachments) => change({ attachments })}
        errorMessage={errors.attachments}
      />

      <FormFooter
        failure={failure}
        errorTitle={`${serverName} did not accept the Message`}
        pending={sending}
        onRetry={() => void submit()}
        onCancel={onClose}
        submitLabel={mode.type === 'answer' ? 'Send answer' : 'Send'}
      />
    </form>
  );
}
