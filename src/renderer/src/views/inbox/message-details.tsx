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

function RequestedFields({ message }: { readonly message: MessageView }) {
  const fields = requestedFieldsOf(message);
  if (fields.length === 0) return null;
  return (
    <div className="thread-message__block">
      <h4 className="thread-message__block-title">The Server asks for</h4>
      <dl className="field-list">
        {fields.map((field) => (
          <div key={field.field} className="field-list__row">
            <dt>{field.name}</dt>
            <dd>
              {field.description || <span className="muted">No description given</span>}
              {field.uri ? (
                <>
                  {' '}
                  <ExternalLink href={field.uri}>Complete it online</ExternalLink>
                </>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function SubmittedAnswers({ message }: { readonly message: MessageView }) {
  const updates = message.object.updates_requested;
  if (!Array.isArray(updates) || updates.length === 0) return null;
  return (
    <div className="thread-message__block">
      <h4 className="thread-message__block-title">Answers sent</h4>
      <dl className="field-list">
        {updates.map((update, index) => {
          const record = update as Record<string, unknown>;
          const field = String(record.field ?? `field ${index + 1}`);
          return (
            <div key={field} className="field-list__row">
              <dt>{field}</dt>
              <dd>
                {typeof record.uri === 'string' ? (
                  <ExternalLink href={record.uri}>{record.uri}</ExternalLink>
                ) : (
                  String(record.description ?? '')
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function FieldChanges({ message }: { readonly message: MessageView }) {
  const updates = message.object.updates_requested;
  if (!Array.isArray(updates) || updates.length === 0) return null;
  return (
    <div className="thread-message__block">
      <h4 className="thread-message__block-title">Changes under review</h4>
      <dl className="field-list">
        {updates.map((update, index) => {
          const record = update as Record<string, unknown>;
          const field = String(record.field ?? `field ${index + 1}`);
          return (
            <div key={field} className="field-list__row">
              <dt>{field}</dt>
              <dd>
                <span className="muted">{show(record.previous_value)}</span> → {show(record.new_value)}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
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
