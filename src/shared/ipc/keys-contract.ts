import { z } from 'zod';
import { method } from './define';

// Device keys (cds-wg3-01 §7.4.6): one P-256 encryption key pair per Server connection. Only the
// public half is ever shown or exported; the private key stays in the vault.

export const publicJwkView = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  use: z.literal('enc'),
  alg: z.string(),
  kid: z.string(),
});

export const deviceKeyView = z.object({
  /** RFC 7638 thumbprint. */
  kid: z.string(),
  publicJwk: publicJwkView,
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  current: z.boolean(),
  /** Grants authorized with this key: their responses are encrypted for it. */
  grantIds: z.array(z.string()),
});
export type DeviceKeyView = z.infer<typeof deviceKeyView>;

export const deviceKeys = z.object({
  serverId: z.string(),
  current: deviceKeyView,
  /** Every key kept (current first): older ones stay while a Grant still uses them. */
  keys: z.array(deviceKeyView),
});
export type DeviceKeys = z.infer<typeof deviceKeys>;

export const keysMethods = {
  /** The Server's device keys; the first call creates the key. */
  'keys.show': method(z.tuple([z.string()]), deviceKeys),
  /** A new key for new authorizations; Grants keep working with their old key until re-authorized. */
  'keys.rotate': method(z.tuple([z.string()]), deviceKeys),
};

export const keysEvents = {
  'keys.changed': z.object({ serverId: z.string() }),
};
