// Child process of no-secret-service.test.ts: opens the vault exactly as the app does (real
// @napi-rs/keyring, environment from the parent), stores the secret it is given and reports, as
// JSON on stdout, what it got. It never prints the secret.
import { openVault } from '../../../src/main/vault/open-vault';
import { VaultError } from '../../../src/main/vault/vault';

const dataDir = process.argv[2];
const secret = process.env.CDS_TEST_SECRET;
if (!dataDir || !secret) throw new Error('usage: CDS_TEST_SECRET=... open-vault-child.ts <data dir>');

try {
  const vault = await openVault({ dataDir, probeTimeoutMs: 20_000 });
  await vault.set('server/srv-1/client/cl-1/secret', secret);
  const roundTrip = (await vault.get('server/srv-1/client/cl-1/secret')) === secret;
  process.stdout.write(
    JSON.stringify({
      ok: true,
      backend: vault.backend,
      persistent: vault.persistent,
      warning: vault.warning,
      roundTrip,
    }),
  );
} catch (error) {
  process.stdout.write(
    JSON.stringify({
      ok: false,
      name: (error as Error).name,
      code: error instanceof VaultError ? error.code : null,
      message: (error as Error).message,
    }),
  );
}
