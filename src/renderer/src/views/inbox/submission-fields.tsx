import type { MessageView } from '../../../../shared/ipc/messages-contract';
import { TextAreaField } from '../../components/text-area-field';
import { type ComposeDraft, type ComposeErrors, requestedFieldsOf } from './compose-model';
import { CompleteOnlineLink } from './message-details';

/**
 * The client_submission form (cds-wg1-02 §6.9): one answer per field the server_request asked for
 * (§6.5). A web address is sent as the field's `uri` (a logo, a signed document), other text as its
 * `description`.
 */
export function SubmissionFields({
  request,
  draft,
  errors,
  onChange,
}: {
  readonly request: MessageView;
  readonly draft: ComposeDraft;
  readonly errors: ComposeErrors;
  readonly onChange: (patch: Partial<ComposeDraft>) => void;
}) {
  const fields = requestedFieldsOf(request);
  return (
    <fieldset className="submission-fields">
      <legend className="text-field__label">The Server asks for</legend>
      {request.description ? <p className="submission-fields__intro">{request.description}</p> : null}
      {fields.map((field) => (
        <div key={field.field} className="submission-fields__item">
          <TextAreaField
            label={field.name}
            description={
              <>
                {field.description || `The Server’s field “${field.field}”.`} Paste a web address to send a
                link.
                <CompleteOnlineLink uri={field.uri} />
              </>
            }
            rows={2}
            value={draft.answers[field.field] ?? ''}
            onChange={(value) => onChange({ answers: { ...draft.answers, [field.field]: value } })}
          />
        </div>
      ))}
      {errors.answers ? (
        <p className="text-field__error" role="alert">
          {errors.answers}
        </p>
      ) : null}
    </fieldset>
  );
}
