// The activity timeline (issue #7 item 10): one event per HTTP attempt the engine makes, with the
// URL already redacted (RFC 6749 §10.3: tokens never in a URL shown anywhere) and no headers or
// bodies at all, so the listener cannot leak a secret whatever it does with the event.

export interface HttpActivity {
  readonly serverId?: string;
  readonly serverName: string;
  readonly method: string;
  /** Redacted: secret query parameters and user info replaced. */
  readonly url: string;
  /** HTTP status, or null when no answer arrived (network failure). */
  readonly status: number | null;
  /** Time from sending to the answer's headers (or to the failure). */
  readonly durationMs: number;
  /** What the app was doing, in words: "reading the server metadata". */
  readonly step: string;
  /** 1 for the first try; retries count up. */
  readonly attempt: number;
  /** The NetworkError failure kind when status is null. */
  readonly failure?: string;
}

export type ActivityListener = (activity: HttpActivity) => void;
