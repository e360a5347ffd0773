// The CDS object model: zod schemas (and the types inferred from them) of every object of
// cds-wg1-01, cds-wg1-02 and the parts of cds-wg3-01 the app uses. Import from here.
export * from './address-syntax';
export * from './authorization-details-form';
export * from './client-object';
export * from './credential';
export * from './customer-data';
export * from './grant';
export * from './message';
export * from './oauth-metadata';
export * from './oauth-responses';
export * from './open-enum';
export * from './primitives';
export * from './registration';
export * from './scope-types';
export * from './server-metadata';
export * from './server-provided-file';
export * from './validation';
