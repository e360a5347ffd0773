import type { ReactNode } from 'react';

/** Only web links leave the app; anything else (javascript:, file:, data:) is shown as text. */
export function isWebLink(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * A link to a page outside the app (a Server's documentation, terms, a to-do's payment page).
 * target=_blank makes it a window-open request: in Electron the shell's window-open handler
 * (src/main/electron/navigation-guard.ts) denies the window and, for an allowed origin, hands the
 * URL to the system browser; in the web harness it is an ordinary new tab. rel=noopener noreferrer:
 * the opened page gets no handle on the app and no Referer.
 */
export function ExternalLink({
  href,
  children,
  className,
}: {
  readonly href: string;
  readonly children?: ReactNode;
  readonly className?: string;
}) {
  if (!isWebLink(href)) return <span className={className}>{children ?? href}</span>;
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className={['external-link', className].filter(Boolean).join(' ')}
    >
      {children ?? href}
      <span className="visually-hidden"> (opens in your browser)</span>
    </a>
  );
}
