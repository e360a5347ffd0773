import type { ReactNode } from 'react';
import type { MessageView } from '../../../../shared/ipc/messages-contract';
import { ExternalLink } from '../../components/external-link';
import { requestedFieldsOf } from './compose-model';
import { formatAmount } from './message-wording';

/**
 * What a Message carries besides its text (cds-wg1-02 §6.1): the fields a server_request asks for or
 * a client_submission answers (§6.5), the field changes under review, the Grants asked for (§6.6) and
 * the amount of a payment request.
 */
export function MessageDetails({ message }: { readonly message: MessageView }) {
  const amount = formatAmount(message.amount, message.currency);
  return (
    <>
      {amount ? (
        <p className="thread-message__amount">
          Amount to pay: <strong>{amount}</strong>
        </p>
      ) : null}
      {message.type === 'server_request' ? <RequestedFields message={message} /> : null}
      {message.type === 'client_submission' ? <SubmittedAnswers message={message} /> : null}
      {message.type === 'field_changes' ? <FieldChanges message={message} /> : null}
      <GrantsRequested message={message} />
    </>
  );
}

/** One row of a field list: the field's name and what the Message says of it. */
interface FieldRow {
  readonly key: string;
  readonly term: string;
  readonly value: ReactNode;
}

function FieldListBlock({ title, rows }: { readonly title: string; readonly rows: readonly FieldRow[] }) {
  if (rows.length === 0) return null;
  return (
    <div className="thread-message__block">
      <h4 className="thread-message__block-title">{title}</h4>
      <dl className="field-list">
        {rows.map((row) => (
          <div key={row.key} className="field-list__row">
            <dt>{row.term}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** The link a server_request may give to complete a field on the Server's own pages (§6.5). */
export function CompleteOnlineLink({ uri }: { readonly uri: string | null }) {
  return uri ? (
    <>
      {' '}
      <ExternalLink href={uri}>Complete it online</ExternalLink>
    </>
  ) : null;
}

function RequestedFields({ message }: { readonly message: MessageView }) {
  const rows = requestedFieldsOf(message).map((field) => ({
    key: field.field,
    term: field.name,
    value: (
      <>
        {field.description || <span className="muted">No description given</span>}
        <CompleteOnlineLink uri={field.uri} />
      </>
    ),
  }));
  return <FieldListBlock title="The Server asks for" rows={rows} />;
}

/** The rows of `updates_requested` (§6.5), each named by its field (or its place when it has none). */
function updateRows(
  message: MessageView,
  describe: (update: Record<string, unknown>) => ReactNode,
): readonly FieldRow[] {
  const updates = message.object.updates_requested;
  if (!Array.isArray(updates)) return [];
  return updates.map((update, index) => {
    const record = update as Record<string, unknown>;
    const field = String(record.field ?? `field ${index + 1}`);
    return { key: field, term: field, value: describe(record) };
  });
}

function SubmittedAnswers({ message }: { readonly message: MessageView }) {
  const rows = updateRows(message, (record) =>
    typeof record.uri === 'string' ? (
      <ExternalLink href={record.uri}>{record.uri}</ExternalLink>
    ) : (
      String(record.description ?? '')
    ),
  );
  return <FieldListBlock title="Answers sent" rows={rows} />;
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function FieldChanges({ message }: { readonly message: MessageView }) {
  const rows = updateRows(message, (record) => (
    <>
      <span className="muted">{show(record.previous_value)}</span> → {show(record.new_value)}
    </>
  ));
  return <FieldListBlock title="Changes under review" rows={rows} />;
}

function GrantsRequested({ message }: { readonly message: MessageView }) {
  const grants = message.object.grants_requested;
  if (!Array.isArray(grants) || grants.length === 0) return null;
  return (
    <div className="thread-message__block">
      <h4 className="thread-message__block-title">Grants requested</h4>
      <ul className="grant-list">
        {grants.map((grant, index) => {
          const record = grant as Record<string, unknown>;
          const details = Array.isArray(record.authorization_details) ? record.authorization_details : [];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed for a sent Message.
            <li key={index}>
              <code>{String(record.scope ?? '')}</code>
              {details.length > 0 ? (
                <pre className="grant-list__details">{JSON.stringify(details, null, 2)}</pre>
              ) : null}
            </li>
          );
        })}
      </ul>
      {message.relatedUri ? (
        <p className="muted thread-message__small">
          For the Client Object <code>{message.relatedUri}</code>
        </p>
      ) : null}
    </div>
  );
}
