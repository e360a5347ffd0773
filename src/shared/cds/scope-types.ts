/**
 * The scope types cds-wg1-02 §3.3 defines. Clients decide compatibility by a scope's `type`, never its
 * `id` (§3.3); several scopes may share one type (`cds_grant_admin_1`, `cds_grant_admin_2`).
 */
export const SCOPE_TYPES = {
  clientAdmin: 'cds_client_admin',
  grantAdmin: 'cds_grant_admin',
  serverProvidedFiles: 'cds_server_provided_files',
} as const;

/** The same types before the `cds_` prefix (previous draft, 2025-10); Servers deployed on it exist. */
export const LEGACY_SCOPE_TYPES = {
  clientAdmin: 'client_admin',
  grantAdmin: 'grant_admin',
  serverProvidedFiles: 'server_provided_files',
} as const;

export type ScopeKind = keyof typeof SCOPE_TYPES;

export const KNOWN_SCOPE_TYPES: readonly string[] = Object.freeze([
  ...Object.values(SCOPE_TYPES),
  ...Object.values(LEGACY_SCOPE_TYPES),
]);

const KIND_BY_TYPE: ReadonlyMap<string, ScopeKind> = new Map(
  (Object.keys(SCOPE_TYPES) as ScopeKind[]).flatMap((kind) => [
    [SCOPE_TYPES[kind], kind] as const,
    [LEGACY_SCOPE_TYPES[kind], kind] as const,
  ]),
);

/** Which CDS scope a `type` string is, under either draft's spelling; `null` for other scopes. */
export function scopeKind(type: string | null | undefined): ScopeKind | null {
  return typeof type === 'string' ? (KIND_BY_TYPE.get(type) ?? null) : null;
}

/** Whether a scope `type` is the given CDS scope under either draft's spelling. */
export function isScopeType(type: string | null | undefined, kind: ScopeKind): boolean {
  return scopeKind(type) === kind;
}
