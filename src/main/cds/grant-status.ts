import { INACTIVE_GRANT_STATUSES } from '../../shared/cds/index';

// cds-wg1-02 §8.2 Grant statuses in plain words, for the Grants page and `grants show`. Unknown
// statuses (extensions, §10) are shown as they are with a neutral explanation.

export interface GrantStatusExplanation {
  readonly label: string;
  readonly explanation: string;
  /** §8.2: false for future, disabled, suspended, revoked, closed and expired. */
  readonly accessible: boolean;
}

const EXPLANATIONS: Readonly<Record<string, { label: string; explanation: string }>> = {
  active: {
    label: 'Active',
    explanation: 'Access is on: the data and features of this Grant can be used now.',
  },
  future: {
    label: 'Starts later',
    explanation: 'Access begins at the “not before” time; nothing is reachable until then.',
  },
  pending: {
    label: 'Being processed',
    explanation:
      'The Server is still processing or reviewing this Grant; what is ready can already be used. See the estimated time.',
  },
  partial: {
    label: 'Partly granted',
    explanation: 'The Server enabled only part of what was asked; the enabled scope shows what can be used.',
  },
  needs_authorization: {
    label: 'Needs customer authorization',
    explanation:
      'A customer must authorize the full scope (through an authorization link for this Grant); until then only the enabled scope works.',
  },
  needs_sub_grants: {
    label: 'Waiting for sub-Grants',
    explanation: 'Access is limited until the sub-Grants listed under it reach the status the Server needs.',
  },
  disabled: {
    label: 'Disabled',
    explanation: 'The Server switched this Grant off for good; do not expect it to come back.',
  },
  suspended: {
    label: 'Suspended',
    explanation: 'The Server or the customer paused this Grant; it may be switched back on later.',
  },
  revoked: {
    label: 'Revoked by the customer',
    explanation: 'The customer withdrew their authorization; nothing of this Grant is reachable.',
  },
  closed: {
    label: 'Closed',
    explanation: 'This app (or another for this registration) closed the Grant; nothing of it is reachable.',
  },
  expired: {
    label: 'Expired',
    explanation: 'The Grant reached its end (“not after”) and access was removed.',
  },
  delayed: {
    label: 'Delayed',
    explanation: 'Access works, but the Server’s data updates are behind schedule.',
  },
  stopped: {
    label: 'Updates stopped',
    explanation: 'Existing data can still be read, but no new data will arrive.',
  },
  errored: {
    label: 'Error at the Server',
    explanation: 'The Server hit an internal problem with this Grant and cannot confirm access.',
  },
};

export function explainGrantStatus(status: string): GrantStatusExplanation {
  const known = EXPLANATIONS[status];
  const accessible = !(INACTIVE_GRANT_STATUSES as readonly string[]).includes(status);
  if (known) return { ...known, accessible };
  return {
    label: status,
    explanation: `The Server reports the status “${status}”, which this app does not know.`,
    accessible,
  };
}
