import { type FormEvent, useState } from 'react';
import { Button } from '../../components/button';
import { DialogActions } from '../../components/dialog';
import { ErrorState } from '../../components/error-state';
import { ExternalLink } from '../../components/external-link';
import { Spinner } from '../../components/spinner';
import { StatusChip } from '../../components/status-chip';
import { TextField } from '../../components/text-field';
import type { AuthorizationFlowControls } from './authorization-flow';

/**
 * The customer is in the browser: what to do there, the page again if it was closed, the confirmation
 * code field for the receipt path (cds-wg1-02 §4.2 default receipt page), and the outcome.
 */
export function AuthorizationWaiting({
  flow,
  serverName,
  onClose,
}: {
  readonly flow: AuthorizationFlowControls;
  readonly serverName: string;
  readonly onClose: () => void;
}) {
  const state = flow.state;
  const [code, setCode] = useState('');
  if (state.phase === 'idle' || state.phase === 'starting') return null;

  if (state.phase === 'done') {
    const { authorization } = state;
    return (
      <div className="authorize authorize--done" role="status">
        <h3 className="authorize__heading">Access authorized</h3>
        <p>
          The customer approved on {serverName}. Grant <span className="mono">{authorization.grantId}</span>{' '}
          is{' '}
          <StatusChip tone={authorization.status === 'active' ? 'success' : 'neutral'}>
            {authorization.status}
          </StatusChip>
        </p>
        <p>
          {authorization.kid
            ? 'Their data is locked for this computer: CDS Companion unlocks it here when you read it.'
            : 'Their data is sent over a secure connection, without an extra lock for this computer.'}
        </p>
        <DialogActions>
          <Button variant="primary" onPress={onClose}>
            Read the customer data
          </Button>
        </DialogActions>
      </div>
    );
  }

  const { flow: started } = state;
  const receipt = started?.path === 'receipt';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() !== '') await flow.confirm(code.trim());
  };

  return (
    <div className="authorize">
      {state.phase === 'failed' ? (
        <ErrorState title="The customer’s authorization did not complete" failure={state.failure} />
      ) : (
        <div className="authorize__waiting" role="status">
          <Spinner label="Waiting for the customer" />
          <div>
            <h3 className="authorize__heading">Continue in the browser</h3>
            <p>
              {receipt
                ? `The customer signs in on ${serverName}’s page and approves. The page then shows a confirmation code: enter it below.`
                : `The customer signs in on ${serverName}’s page and approves. The browser then comes back here on its own.`}
            </p>
          </div>
        </div>
      )}
      {started ? (
        <p className="authorize__link">
          Browser closed by mistake?{' '}
          <ExternalLink href={started.url}>Open the sign-in page again</ExternalLink>
          {started.kid ? (
            <>
              {' '}
              · The data will be locked for this computer’s key{' '}
              <span className="mono">{started.kid.slice(0, 8)}…</span>
            </>
          ) : null}
        </p>
      ) : null}
      {receipt && state.phase !== 'completing' ? (
        <form className="form authorize__confirm" onSubmit={(event) => void submit(event)}>
          <TextField
            label="Confirmation code"
            description="Shown on the Server’s page after the customer approves."
            value={code}
            onChange={setCode}
            inputClassName="mono"
          />
          <Button type="submit" variant="primary" isDisabled={code.trim() === ''}>
            Confirm
          </Button>
        </form>
      ) : null}
      <DialogActions>
        <Button variant="secondary" onPress={() => void flow.cancel()}>
          {state.phase === 'failed' ? 'Start again' : 'Stop waiting'}
        </Button>
        {state.phase === 'failed' ? (
          <Button variant="primary" onPress={onClose}>
            Close
          </Button>
        ) : null}
      </DialogActions>
    </div>
  );
}
