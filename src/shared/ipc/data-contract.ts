import { z } from 'zod';
import { method } from './define';

// Customer data (cds-wg3-01 §10.1 Accounts API) of an authorized Grant. When the Server encrypted
// the responses for this device (cds-wg3-01 §7.4.6), they were decrypted in the main process; the
// view says so and with which key, and keeps the decrypted headers (Content-Type, X-Log-ID).

export const accountQuery = z.object({
  /** The Grant to read; by default the newest authorization of a customer-data scope. */
  grantId: z.string().optional(),
  q: z.string().optional(),
  accountIds: z.array(z.string()).optional(),
  customerNumbers: z.array(z.string()).optional(),
  accountNumbers: z.array(z.string()).optional(),
  accountStatuses: z.array(z.string()).optional(),
});
export type AccountQueryInput = z.infer<typeof accountQuery>;

export const accountsPageView = z.object({
  url: z.string(),
  status: z.number(),
  encrypted: z.boolean(),
  kid: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
});

export const accountsView = z.object({
  serverId: z.string(),
  grantId: z.string(),
  access: z.enum(['user-token', 'grant-admin']),
  /** The Accounts as the Server gave them (decrypted). */
  accounts: z.array(z.record(z.string(), z.unknown())),
  pages: z.array(accountsPageView),
  encrypted: z.boolean(),
  /** "Decrypted on this device with key …", or why the data came unencrypted. */
  protection: z.string(),
  kid: z.string().nullable(),
});
export type AccountsView = z.infer<typeof accountsView>;

export const dataMethods = {
  'data.accounts': method(z.tuple([z.string(), accountQuery.optional()]), accountsView),
};
