// Files the sandbox shares with every new registration through an onboarding Server-Provided Files
// Grant (cds-wg1-02 §3.3.3, §9), so the overview's files flow works right after registration.

/** A minimal, valid one-page PDF (PDF 1.4) with the given lines of text. */
export function makePdf(title: string, lines: string[]): Uint8Array {
  const pdfText = (s: string): string => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = [`BT /F1 18 Tf 72 740 Td (${pdfText(title)}) Tj ET`]
    .concat(lines.map((line, i) => `BT /F1 11 Tf 72 ${706 - i * 16} Td (${pdfText(line)}) Tj ET`))
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** The utility's (fictional) gateway CA certificate, P-256, self-signed. */
export const GATEWAY_CA_PEM = `-----BEGIN CERTIFICATE-----
MIICIDCCAcegAwIBAgIUVpkp5XSTKwe89zh9MRekyhzP+MUwCgYIKoZIzj0EAwIw
ZjELMAkGA1UEBhMCVVMxHTAbBgNVBAoMFFNhbmRib3ggR3JpZCBVdGlsaXR5MTgw
NgYDVQQDDC9TYW5kYm94IEdyaWQgVXRpbGl0eSBEZW1hbmQgUmVzcG9uc2UgR2F0
ZXdheSBDQTAeFw0yNjExMjYyMTM1NDRaFw0zNjExMjMyMTM1NDRaMGYxCzAJBgNV
BAYTAlVTMR0wGwYDVQQKDBRTYW5kYm94IEdyaWQgVXRpbGl0eTE4MDYGA1UEAwwv
U2FuZGJveCBHcmlkIFV0aWxpdHkgRGVtYW5kIFJlc3BvbnNlIEdhdGV3YXkgQ0Ew
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQeIxl4IV4kqvbAu1SbeYS7B7A/OXpu
TbGQVP5M5TcqUCBkuk//zmfhSs3LQqMj1d73RoCuOHcYUK9IRltrWw1Ko1MwUTAd
BgNVHQ4EFgQUbn7rFEepqzCFiYS5xD8w87DmsOwwHwYDVR0jBBgwFoAUbn7rFEep
qzCFiYS5xD8w87DmsOwwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBE
AiBjh7R8fU+nY8c0a8zI7XlY0iJ9ZuVFXsE4lu+Rmu4QvAIgatbn2GG4CAQm/0k4
TpqG0R0CrTDVoShbZOZul3DJ5LA=
-----END CERTIFICATE-----
`;

export interface OnboardingFile {
  name: string;
  mimeType: string;
  description: string;
  data: Uint8Array;
}

export function onboardingFiles(clientName: string): OnboardingFile[] {
  return [
    {
      name: 'welcome-pack.pdf',
      mimeType: 'application/pdf',
      description: 'Welcome pack: how to connect to the Sandbox Grid Utility and who to contact.',
      data: makePdf('Welcome to the Sandbox Grid Utility', [
        `Registration: ${clientName}`,
        'This sandbox is a fictional utility for testing CDS Clients.',
        'Test customers and their passwords are listed on the test accounts page.',
        'Questions? Send a support_request Message through the Messages API.',
      ]),
    },
    {
      name: 'sgu-gateway-ca.pem',
      mimeType: 'application/x-pem-file',
      description: 'The CA certificate of the demand response gateway, for mutual TLS set-up.',
      data: new Uint8Array(Buffer.from(GATEWAY_CA_PEM, 'utf8')),
    },
  ];
}
