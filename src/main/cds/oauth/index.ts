// OAuth for the engine: tokens per Client Object, Grant Admin tokens, revocation, introspection.
export {
  type AuthorizationServerEndpoints,
  createOAuthSession,
  type OAuthSession,
  readClientSecret,
  type TokenClient,
  type TokenServer,
  toOAuthFailure,
} from './oauth-session';
export {
  type Clock,
  createTokenManager,
  type RevocationReport,
  type TokenDetails,
  type TokenManager,
  type TokenManagerOptions,
  type TokenRequest,
  type TokenStats,
  tokenCacheKey,
} from './token-manager';
export {
  clientSecretKey,
  refreshTokenKey,
  refreshTokenPrefix,
  type SecretReader,
  type SecretStore,
} from './vault-keys';
