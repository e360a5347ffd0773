// The customer's side of an authorization on the sandbox CDS Server (docs/sandbox.md "Authorizing"):
// the "system browser" the Companion opened is an HTTP client here, filling in the sandbox's sign-in
// and consent forms as helper J's integration tests do (test/integration/authorization/support.ts).

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

const interactionOf = (html: string): string => {
  const match = /name="interaction" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error(`no interaction on the sandbox page: ${html.slice(0, 200)}`);
  return match[1];
};

export class SandboxConsent {
  /**
   * Signs in as a test customer and approves: returns where the Server sent the browser (the app's
   * loopback callback or the receipt page) without following it.
   */
  async approve(authorizationUrl: string, username = 'bob'): Promise<string> {
    const base = new URL(authorizationUrl).origin;
    const first = await fetch(authorizationUrl, { redirect: 'manual' });
    const page = await first.text();
    if (first.status !== 200) throw new Error(`authorization page answered ${first.status}`);
    const login = await fetch(`${base}/oauth/authorize/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ interaction: interactionOf(page), username, password: `${username}-sandbox` }),
    });
    const consentPage = await login.text();
    if (login.status !== 200) throw new Error(`sign-in answered ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const consent = await fetch(`${base}/oauth/authorize/consent`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: form({ interaction: interactionOf(consentPage), decision: 'approve' }),
    });
    await consent.text();
    const location = consent.headers.get('location');
    if (consent.status !== 303 || !location) throw new Error(`consent answered ${consent.status}`);
    return new URL(location, base).href;
  }

  /** Follows the redirect like a browser (the app's loopback page); returns its status. */
  async deliver(url: string): Promise<number> {
    const response = await fetch(url, { redirect: 'manual' });
    await response.text();
    return response.status;
  }

  /** The confirmation code the Server's receipt page shows (cds-wg1-02 §4.2). */
  async receiptConfirmation(receiptUrl: string): Promise<string> {
    const html = await (await fetch(receiptUrl)).text();
    const match = /data-receipt-confirmation>([^<]+)</.exec(html);
    if (!match?.[1]) throw new Error('no confirmation code on the receipt page');
    return match[1];
  }
}

/** Waits until the Companion has opened `count` URLs in the "system browser"; returns the last. */
export async function waitForOpenedUrl(opened: () => readonly string[], count: number): Promise<string> {
  for (let i = 0; i < 300 && opened().length < count; i += 1) await new Promise((r) => setTimeout(r, 50));
  const url = opened()[count - 1];
  if (!url) throw new Error('the Companion never opened the sign-in page');
  return url;
}
