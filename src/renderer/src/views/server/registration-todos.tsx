import type { RegistrationTodo } from '../../../../shared/ipc/servers-contract';
import { Button } from '../../components/button';
import { ExternalLink } from '../../components/external-link';
import { StatusChip, type StatusTone } from '../../components/status-chip';
import { formatAmount, humanizeCode, todoKindLabels } from './cds-wording';

// cds-wg1-02 §6.3 Message statuses, as the to-do's tracking Message reports them.
const todoStatus: Readonly<Record<string, { tone: StatusTone; label: string }>> = {
  waiting: { tone: 'neutral', label: 'Waiting for the Server' },
  open: { tone: 'warning', label: 'To do' },
  action_required: { tone: 'warning', label: 'Your turn' },
  pending: { tone: 'info', label: 'In review' },
  complete: { tone: 'success', label: 'Done' },
  rejected: { tone: 'danger', label: 'Rejected' },
  cancelled: { tone: 'neutral', label: 'Cancelled' },
};

const linkLabels: Readonly<Record<string, string>> = {
  payment_required: 'Open the payment page',
  payment_request: 'Open the payment page',
  email_verification: 'Verify your email',
  sso_verification: 'Start single sign-on',
  online_form: 'Open the form',
  online_form_request: 'Open the form',
  pdf_form: 'Download the PDF form',
  pdf_form_request: 'Download the PDF form',
};

/**
 * The steps a Server needs after registration (cds-wg1-02 §3.6: review, payment, email, SSO, forms),
 * each with its status from the tracking Message, the link the Server sent and a way to the Message.
 */
export function RegistrationTodos({
  todos,
  onOpenMessage,
}: {
  readonly todos: readonly RegistrationTodo[];
  /** Opens the tracking Message (in the Messages section) when the workspace has one. */
  readonly onOpenMessage?: (messageId: string) => void;
}) {
  if (todos.length === 0) {
    return <p className="muted">Nothing else is needed: the Server asked for no further steps.</p>;
  }
  return (
    <ol className="todo-list stack-list">
      {todos.map((todo) => {
        const status = todoStatus[todo.status] ?? {
          tone: 'neutral' as const,
          label: humanizeCode(todo.status),
        };
        const amount = formatAmount(todo.amount, todo.currency);
        return (
          <li key={todo.id} className={`todo todo--${todo.status}`}>
            <div className="todo__header">
              <h3 className="todo__title">{todo.title}</h3>
              <StatusChip tone="neutral">{todoKindLabels[todo.kind] ?? humanizeCode(todo.kind)}</StatusChip>
              <StatusChip tone={status.tone}>{status.label}</StatusChip>
            </div>
            {todo.description ? <p className="todo__description">{todo.description}</p> : null}
            {amount ? <p className="todo__amount">Amount: {amount}</p> : null}
            <div className="todo__actions">
              {todo.link ? (
                <ExternalLink href={todo.link.uri} className="button button--secondary button--sm">
                  {linkLabels[todo.kind] ?? 'Open the link'}
                </ExternalLink>
              ) : null}
              {todo.messageId && onOpenMessage ? (
                <Button variant="quiet" size="sm" onPress={() => onOpenMessage(todo.messageId as string)}>
                  See the Message
                </Button>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
