/**
 * Plain manifests: every .yaml, .yml and .json file of a folder (and its subfolders
 * with recurse), in path order, as Argo CD's directory source reads them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { KubeObject } from '../kube/object.js';
import { parseManifests } from './manifests.js';
import { RenderError } from './errors.js';

export interface DirectoryOptions {
  recurse?: boolean;
  /** Glob-like filters on the path relative to the folder: `*` within a name, `{a,b}` alternatives. */
  include?: string;
  exclude?: string;
}

export function renderDirectory(dir: string, options: DirectoryOptions = {}): KubeObject[] {
  const files = listManifestFiles(dir, dir, options.recurse ?? false)
    .filter((f) => !options.include || globMatch(options.include, relative(dir, f)))
    .filter((f) => !options.exclude || !globMatch(options.exclude, relative(dir, f)));
  const objects: KubeObject[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const origin = relative(dir, file);
    if (file.endsWith('.json')) {
      try {
        objects.push(...parseManifests(JSON.stringify(JSON.parse(text)), origin));
      } catch (err) {
        throw new RenderError(`${origin}: ${(err as Error).message}`, { cause: err });
      }
    } else {
      objects.push(...parseManifests(text, origin));
    }
  }
  return objects;
}

function listManifestFiles(root: string, dir: string, recurse: boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory() && recurse) out.push(...listManifestFiles(root, path, recurse));
    else if (entry.isFile() && /\.(ya?ml|json)$/.test(entry.name)) out.push(path);
  }
  return out;
}

export function globMatch(pattern: string, path: string): boolean {
  const alternatives =
    pattern.startsWith('{') && pattern.endsWith('}') ? pattern.slice(1, -1).split(',') : [pattern];
  return alternatives.some((p) => {
    const re = p
      .trim()
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      // One pass, so the '*' inside the '.*' written for '**' is not rewritten again.
      .replace(/\*\*|\*/g, (stars) => (stars === '**' ? '.*' : '[^/]*'));
    return new RegExp(`^${re}$`).test(path) || new RegExp(`(^|/)${re}$`).test(path);
  });
}
