import { attachmentBudgetBytes, type PickedAttachment } from './compose-model';

export type AttachmentReadOutcome =
  | { readonly ok: true; readonly attachment: PickedAttachment }
  | { readonly ok: false; readonly reason: string };

let counter = 0;

function toBase64(bytes: Uint8Array): string {
  // btoa over chunks: one String.fromCharCode call per 32 KB keeps the argument list small.
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}

/**
 * Reads a picked or dropped file into a §6.7 attachment (Base64 data). Files over the 10 MB every
 * Server accepts (§6.9) are refused before reading, so a huge file never sits in memory.
 */
export async function readAttachment(
  file: Pick<File, 'name' | 'size' | 'arrayBuffer'>,
): Promise<AttachmentReadOutcome> {
  if (file.size > attachmentBudgetBytes) {
    return { ok: false, reason: `${file.name} is larger than 10 MB, more than a Server has to accept.` };
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, reason: `${file.name} could not be read.` };
  }
  counter += 1;
  return {
    ok: true,
    attachment: {
      id: `attachment-${counter}`,
      filename: file.name,
      size: bytes.length,
      base64: toBase64(bytes),
    },
  };
}
