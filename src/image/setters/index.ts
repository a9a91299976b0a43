/**
 * Flux's Setters update strategy: every YAML file under a folder whose scalars carry an
 * `{"$imagepolicy": "ns:name[:tag|:name|:digest]"}` marker gets the policy's latest image
 * written in, byte for byte elsewhere. See README.md.
 *
 *   const changes = await updateWithSetters(dir, new Map([['flux-system:my-app', { name, tag }]]));
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { updateDocumentText, type ObjectId } from './document.js';
import type { PolicyImage } from './marker.js';

export {
  parseMarker,
  setterValue,
  MARKER_KEY,
  type Marker,
  type PolicyImage,
  type SetterField,
} from './marker.js';
export { updateDocumentText, type ObjectId, type ScalarChange } from './document.js';

export interface SetterChange {
  /** Path relative to the updated folder, with `/` separators (as Flux's FileChanges keys). */
  file: string;
  object: ObjectId;
  setter: string;
  oldValue: string;
  newValue: string;
}

/** The files Flux's reader considers: *.yaml, *.yml and `Kustomization`, outside hidden folders. */
function isManifest(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.yml') || name === 'Kustomization';
}

async function manifestFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    // Symlinks are not followed: an edit must stay inside the checkout.
    if (entry.isDirectory() && !entry.name.startsWith('.')) out.push(...(await manifestFiles(path)));
    else if (entry.isFile() && isManifest(entry.name)) out.push(path);
  }
  return out;
}

/** A file that could not be updated (invalid YAML), with the file named. */
export class SetterFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'SetterFileError';
  }
}

/**
 * Updates the marked values under `dir` from `policies` (keyed `namespace:name`) and
 * writes the files that changed. Files without the `"$imagepolicy"` token are not even
 * parsed. Returns the changes in file order; with `dryRun` nothing is written.
 */
export async function updateWithSetters(
  dir: string,
  policies: ReadonlyMap<string, PolicyImage>,
  options: { dryRun?: boolean } = {},
): Promise<SetterChange[]> {
  const changes: SetterChange[] = [];
  for (const path of await manifestFiles(dir)) {
    const source = await readFile(path, 'utf8');
    if (!source.includes('"$imagepolicy"')) continue;
    const file = relative(dir, path).split(sep).join('/');
    let result: ReturnType<typeof updateDocumentText>;
    try {
      result = updateDocumentText(source, policies);
    } catch (err) {
      throw new SetterFileError(file, (err as Error).message);
    }
    if (result.changes.length === 0) continue;
    if (!options.dryRun) await writeFile(path, result.text);
    changes.push(...result.changes.map((c) => ({ file, ...c })));
  }
  return changes;
}
