import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverServer } from '../../../src/main/cds/discovery/index';
import { NetworkError } from '../../../src/main/cds/errors';
import { createHttpClient } from '../../../src/main/cds/http/index';
import { type RunningSandbox, startSandbox } from '../../../src/sandbox/index';

// The sandbox's --tls mode: its self-signed certificate is trusted only through the explicit CA
// file option; without it the connection fails (TLS verification is never turned off).

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, tls: true });
});

afterAll(async () => {
  await sandbox?.close();
});

describe('discovery over the sandbox’s TLS', () => {
  it('fails without the CA file and succeeds with it', async () => {
    expect(sandbox.metadataUrl.startsWith('https://')).toBe(true);
    const strict = createHttpClient({ userAgent: 'CDS-Companion/test', retry: { attempts: 1 } });
    const trusting = createHttpClient({ userAgent: 'CDS-Companion/test', caFile: sandbox.caFile });
    try {
      const error = await discoverServer(strict, sandbox.metadataUrl).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).failure).toBe('tls');
      const result = await discoverServer(trusting, sandbox.metadataUrl);
      expect(result.serverName).toBe('Sandbox Grid Utility');
      expect(result.oauthMetadata.token_endpoint.startsWith('https://')).toBe(true);
    } finally {
      await strict.close();
      await trusting.close();
    }
  });
});
