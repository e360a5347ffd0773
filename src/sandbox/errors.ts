/**
 * An error the sandbox turns into an HTTP response with an OAuth-style body
 * (`{ "error", "error_description" }`, RFC 6749 §5.2, RFC 7591 §3.2.2, RFC 6750 §3.1).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = 'ApiError';
  }
}

export const badRequest = (description: string, error = 'invalid_request'): ApiError =>
  new ApiError(400, error, description);

export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} was not found.`);

/** RFC 6750 §3: a missing or bad Bearer token. */
export const invalidToken = (description: string): ApiError =>
  new ApiError(401, 'invalid_token', description, {
    'www-authenticate': `Bearer error="invalid_token", error_description="${description}"`,
  });

export const missingToken = (): ApiError =>
  new ApiError(401, 'invalid_token', 'This endpoint needs a Bearer access token.', {
    'www-authenticate': 'Bearer',
  });

export const insufficientScope = (scope: string): ApiError =>
  new ApiError(403, 'insufficient_scope', `This endpoint needs an access token with the ${scope} scope.`, {
    'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}"`,
  });
