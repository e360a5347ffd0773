import type { ReactNode } from 'react';

// Icons only the Inbox uses (decorative: aria-hidden; the control or text beside them names them).

function Svg({ size = 16, children }: { readonly size?: number; readonly children: ReactNode }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export function PaperclipIcon({ size }: { readonly size?: number }) {
  return (
    <Svg {...(size === undefined ? {} : { size })}>
      <path d="m21.4 11.1-8.5 8.5a5.5 5.5 0 0 1-7.8-7.8l8.5-8.5a3.7 3.7 0 0 1 5.2 5.2l-8.5 8.5a1.8 1.8 0 0 1-2.6-2.6l7.8-7.8" />
    </Svg>
  );
}

export function InboxIcon({ size }: { readonly size?: number }) {
  return (
    <Svg {...(size === undefined ? {} : { size })}>
      <path d="M22 12h-6l-2 3h-4l-2-3H2" />
      <path d="M5.5 5.1 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.5-6.9A2 2 0 0 0 16.8 4H7.2a2 2 0 0 0-1.7 1.1z" />
    </Svg>
  );
}

export function ReplyIcon({ size }: { readonly size?: number }) {
  return (
    <Svg {...(size === undefined ? {} : { size })}>
      <path d="M9 17 4 12l5-5" />
      <path d="M20 18v-2a4 4 0 0 0-4-4H4" />
    </Svg>
  );
}

export function PenIcon({ size }: { readonly size?: number }) {
  return (
    <Svg {...(size === undefined ? {} : { size })}>
      <path d="M12 20h9" />
      <path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z" />
    </Svg>
  );
}

export function FileIcon({ size }: { readonly size?: number }) {
  return (
    <Svg {...(size === undefined ? {} : { size })}>
      <path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z" />
      <path d="M14 2v6h6" />
    </Svg>
  );
}
