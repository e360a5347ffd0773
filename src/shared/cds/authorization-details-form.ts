import { z } from 'zod';
import { AUTHORIZATION_DETAILS_FIELD_FORMATS } from './oauth-metadata';

// The authorization details form of a Scope Description (cds-wg1-02 §3.8–§3.10, RFC 9396) as a front
// end renders it: one schema for the engine that builds it (src/main/cds/authorization-details-form.ts)
// and the IPC contract that carries it (src/shared/ipc/authorization-contract.ts).

/** Every §3.9 format, and `unsupported`: a format this app does not know (an open enum value). */
export const DETAIL_FIELD_KINDS = [...AUTHORIZATION_DETAILS_FIELD_FORMATS, 'unsupported'] as const;
export const detailFieldKindSchema = z.enum(DETAIL_FIELD_KINDS);
export type DetailFieldKind = z.infer<typeof detailFieldKindSchema>;

/** One choice of a `choice` field (§3.10). */
export const detailChoiceSchema = z.object({ id: z.string(), name: z.string(), description: z.string() });
export type DetailChoice = Readonly<z.infer<typeof detailChoiceSchema>>;

/** One authorization details field (§3.8) as a form renders it. */
export const detailFieldModelSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  documentation: z.string(),
  /** The format as the Server wrote it. */
  format: z.string(),
  kind: detailFieldKindSchema,
  required: z.boolean(),
  /** §3.8: used when the field is left out; absent when the Server gave none. Decimals are text. */
  default: z.unknown().optional(),
  minimum: z.union([z.number(), z.string(), z.null()]).optional(),
  maximum: z.union([z.number(), z.string(), z.null()]).optional(),
  choices: z.array(detailChoiceSchema),
  /** The constraints in plain words ("a whole number from 1 to 100"). */
  hint: z.string(),
});
export type DetailFieldModel = Readonly<z.infer<typeof detailFieldModelSchema>>;

/** The form of one authorization details `type` of one scope. */
export const detailsFormModelSchema = z.object({
  scopeId: z.string(),
  /** The `type` of the entry to build (§3.4 `authorization_details_types_supported`). */
  type: z.string(),
  /** The Server's `cds_timezone`; relative dates are read there (§3.9). */
  timezone: z.string(),
  fields: z.array(detailFieldModelSchema),
  /** The `jwk_or_null` field (cds-wg3-01 §7.4.6) when the scope offers encrypted responses. */
  jwkFieldId: z.string().nullable(),
});
export type DetailsFormModel = Readonly<z.infer<typeof detailsFormModelSchema>>;
