/** Escapes text for HTML element content and attribute values. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A plain, accessible page: the sandbox's forms must work for people and for tests driving HTTP. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} - Sandbox Grid Utility</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
label{display:block;margin:.6rem 0 .2rem}input[type=text],input[type=password]{padding:.4rem;width:18rem}
button{margin:.8rem .5rem 0 0;padding:.5rem 1rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3rem .6rem;text-align:left}
.note{background:#fff7d6;padding:.5rem 1rem;border-left:4px solid #e0b000}</style></head>
<body><header><p><strong>Sandbox Grid Utility</strong> (a fictional utility for testing CDS Clients)</p></header>
<main><h1>${esc(title)}</h1>
${body}
</main></body></html>`;
}
