import { z } from 'zod';
import { datetimeSchema, integerSchema, pageLinkSchema, urlSchema } from './primitives';

/** Server-Provided File (cds-wg1-02 §9.1) */
export const serverProvidedFileSchema = z.looseObject({
  file_id: z.string(),
  uri: urlSchema,
  created: datetimeSchema,
  modified: datetimeSchema,
  mime_type: z.string(),
  size: integerSchema,
  name: z.string(),
  description: z.string(),
  download_uri: urlSchema,
});
export type ServerProvidedFile = z.infer<typeof serverProvidedFileSchema>;

/** cds-wg1-02 §9.2 */
export const serverProvidedFileListingSchema = z.looseObject({
  files: z.array(serverProvidedFileSchema),
  next: pageLinkSchema,
  previous: pageLinkSchema,
});
export type ServerProvidedFileListing = z.infer<typeof serverProvidedFileListingSchema>;
