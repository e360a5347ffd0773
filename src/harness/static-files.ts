import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

/**
 * Maps a request path to a file inside `root`, or null. Refuses anything that could leave the folder:
 * undecodable or NUL-carrying paths, backslashes, dot segments and dotfiles, and symlinks pointing
 * outside (checked on the real path).
 */
export async function resolveStaticFile(root: string, requestPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment.length > 0);
  if (segments.some((segment) => segment.startsWith('.'))) return null;
  const relativePath = segments.length === 0 ? 'index.html' : segments.join('/');

  const realRoot = await realpath(root);
  const candidate = resolve(realRoot, relativePath);
  if (!isInside(realRoot, candidate)) return null;
  try {
    const realCandidate = await realpath(candidate);
    if (!isInside(realRoot, realCandidate)) return null;
    const info = await stat(realCandidate);
    return info.isFile() ? realCandidate : null;
  } catch {
    return null;
  }
}

function isInside(root: string, candidate: string): boolean {
  const path = relative(root, candidate);
  return path.length > 0 && !path.startsWith('..') && !isAbsolute(path);
}

/**
 * The renderer's index.html with the bridge script placed before the first script, so `window.cds`
 * exists before the app bundle runs. A same-origin `src`, so CSP `script-src 'self'` still holds.
 */
export async function readIndexWithBridge(indexPath: string, bridgeSrc: string): Promise<string> {
  const html = await readFile(indexPath, 'utf8');
  const tag = `<script src="${bridgeSrc}"></script>`;
  const at = html.search(/<script\b/i);
  if (at >= 0) return `${html.slice(0, at)}${tag}\n    ${html.slice(at)}`;
  const headEnd = html.search(/<\/head>/i);
  if (headEnd < 0)
    throw new Error(`${indexPath} has neither a <script> nor a </head> to place the bridge before.`);
  return `${html.slice(0, headEnd)}${tag}\n  ${html.slice(headEnd)}`;
}
