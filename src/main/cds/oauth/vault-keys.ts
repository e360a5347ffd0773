import { createHash } from 'node:crypto';
import type { Vault } from '../../vault/vault';

// Vault keys are structured by the engine (src/main/vault/vault.ts): everything of one Server lives
// under `server/<serverId>/`, so removing a Server can delete it all by prefix.

export type SecretReader = Pick<Vault, 'get'>;
export type SecretStore = Pick<Vault, 'get' | 'set' | 'delete'>;

/** Where a Client Object's secret is kept. */
export const clientSecretKey = (serverId: string, clientId: string): string =>
  `server/${serverId}/client/${clientId}/secret`;

/** The prefix of every refresh token of one Server. */
export const refreshTokenPrefix = (serverId: string): string => `server/${serverId}/refresh-token/`;

/**
 * Where the refresh token of one authorization (authorization-code flow) is kept. The grant key
 * is hashed so any identifier (a grant id, a state) makes a short printable key.
 */
export const refreshTokenKey = (serverId: string, clientId: string, grantKey: string): string =>
  `${refreshTokenPrefix(serverId)}${createHash('sha256').update(`${clientId}\n${grantKey}`).digest('hex').slice(0, 32)}`;
