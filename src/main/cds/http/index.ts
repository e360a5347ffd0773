// The engine's HTTP layer: one keep-alive client, typed failures, activity events.
export type { ActivityListener, HttpActivity } from './activity';
export {
  companionUserAgent,
  createHttpClient,
  defaultTimeouts,
  type FetchFunction,
  type FetchInit,
  type HttpClient,
  type HttpClientOptions,
  type HttpResponse,
  type HttpTimeouts,
  type JsonOptions,
  type RequestContext,
  type RequestOptions,
  type ResponseHeaders,
} from './http-client';
export { errorForStatus, isUnauthorized } from './json-response';
export { classifyNetworkFailure, toNetworkError } from './network-errors';
export { backoffDelay, defaultRetryOptions, parseRetryAfter, type RetryOptions } from './retry-policy';
export { isLoopbackHost, isLoopbackHttpUrl, requireSecureUrl } from './url-policy';
