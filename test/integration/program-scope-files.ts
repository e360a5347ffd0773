import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The sandbox's program scope (PROGRAM_SCOPE) asks for every registration field type, among them an
 * image and a PDF (cds-wg1-02 §3.5). Writes a small PNG and PDF into `dir` and returns their paths
 * and the values of a valid registration, the files given by path.
 */
export function programScopeValues(dir: string) {
  const logo = join(dir, 'logo.png');
  const pdf = join(dir, 'insurance.pdf');
  writeFileSync(
    logo,
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]),
  );
  writeFileSync(pdf, Buffer.from('%PDF-1.4\n% test\n'));
  return {
    logo,
    pdf,
    values: {
      company_name: 'Acme Energy Audits',
      contact_email: 'ops@example.com',
      company_website: 'https://acme.example/',
      accepts_terms: true,
      company_logo: { path: logo },
      insurance_certificate: { path: pdf },
    },
  };
}
