/**
 * The `argocd.argoproj.io/manifest-generate-paths` annotation: which files of the pushed
 * repository matter to an Application. `;`-separated entries; an absolute entry is taken
 * from the repository root, a relative one (`.`, `../shared`) from each source's path.
 * An entry names a file or a directory (anything under it counts) or is a glob in Go's
 * `filepath.Match` syntax, which must match a whole file path (`*` stops at `/`).
 */
import { posix } from 'node:path';

export const MANIFEST_GENERATE_PATHS = 'argocd.argoproj.io/manifest-generate-paths';

/**
 * The annotation's entries as absolute repository paths (`/apps/guestbook`, `/` for the
 * root). Empty when the annotation is absent or empty: then every change counts.
 */
export function refreshPaths(annotation: string | undefined, sourcePaths: string[]): string[] {
  const entries = (annotation ?? '')
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean);
  const paths = entries.flatMap((entry) =>
    entry.startsWith('/') ? [clean(entry)] : sourcePaths.map((dir) => clean(posix.join('/', dir, entry))),
  );
  return [...new Set(paths)];
}

/**
 * True when a changed file is one of `paths`, under one, or matches one as a glob. An
 * empty `changedFiles` means the payload did not say, and an empty `paths` means the
 * app did not narrow them: both count as changed (Argo CD's `AppFilesHaveChanged`).
 */
export function filesHaveChanged(paths: string[], changedFiles: string[]): boolean {
  if (paths.length === 0 || changedFiles.length === 0) return true;
  const globs = paths.map(globPattern);
  return changedFiles.some((file) => {
    const f = clean(`/${file}`);
    return paths.some((p, i) => p === '/' || f === p || f.startsWith(`${p}/`) || globs[i]?.test(f) === true);
  });
}

function clean(path: string): string {
  const normalized = posix.normalize(path);
  return normalized.length > 1 ? normalized.replace(/\/+$/, '') : normalized;
}

/** Go's `filepath.Match` pattern as a RegExp; undefined for plain paths and bad patterns. */
export function globPattern(pattern: string): RegExp | undefined {
  if (!/[*?[\\]/.test(pattern)) return undefined;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return undefined;
      source += charClass(pattern.slice(i + 1, end));
      i = end;
    } else {
      if (c === '\\') i++;
      source += escape(pattern[i] ?? '');
    }
  }
  return new RegExp(`^${source}$`);
}

function charClass(body: string): string {
  const negated = body.startsWith('^');
  const chars = (negated ? body.slice(1) : body).replace(/[\]\\^]/g, '\\$&');
  return negated ? `[^/${chars}]` : `[${chars}]`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
