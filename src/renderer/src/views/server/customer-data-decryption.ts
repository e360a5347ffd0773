import type { ServiceFailure } from '../../ipc/service-failure';

// cds-wg3-01 §7.4.6: a response encrypted for this device that could not be decrypted here (the
// engine's DecryptionError). Nothing of it is shown: the engine never hands over partial plaintext.

const decryptionMessage = /could not be decrypted|encrypted but this device holds no key/i;

export function isDecryptionFailure(failure: ServiceFailure): boolean {
  return failure.name === 'DecryptionError' || decryptionMessage.test(failure.message);
}
