// Links under Help. The specifications live in LF Energy's public repositories (spec/README.md);
// the user guide ships inside the app (electron-builder extraResources) and opens locally.
export const SPEC_LINKS = [
  { label: 'Connected Data Specifications (LF Energy)', url: 'https://github.com/lfe-cds' },
  { label: 'CDS Client Registration (CDS-WG1-02)', url: 'https://github.com/lfe-cds/CDS-Registration' },
  { label: 'CDS Customer Data (CDS-WG3-01)', url: 'https://github.com/lfe-cds/CDS-Customer-Data' },
] as const;

/** Origins a link inside the app may open in the system browser. */
export const HELP_ORIGINS: readonly string[] = [
  ...new Set(SPEC_LINKS.map((link) => new URL(link.url).origin)),
];

/** The user guide's path relative to the resources folder (packaged) or the project root (dev). */
export const USER_GUIDE_PATH = 'docs/user-guide.md';
