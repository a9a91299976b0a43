/**
 * Artifacts as Ferry's Flux sources publish them: a read-only folder on the controller's
 * disk (a git checkout, an extracted chart or OCI layer), named in `status.artifact` by a
 * `file://` URL, with its revision and a content digest. Consumers (HelmRelease here,
 * Kustomization next) read the folder through `artifactDir`. Folders are content-addressed
 * caches: dropping them only costs a re-fetch on the next reconcile.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Artifact } from '../../api/flux/index.js';

export interface LocalArtifact {
  /** The folder holding the artifact's files. */
  dir: string;
  revision: string;
  digest: string;
}

/** The `status.artifact` for a folder published by `kind/namespace/name`. */
export function toArtifact(
  owner: { kind: string; namespace: string; name: string },
  local: LocalArtifact,
  now: string,
  previous?: Artifact,
): Artifact {
  const sameContent = previous?.digest === local.digest && previous.revision === local.revision;
  return {
    path: `${owner.kind.toLowerCase()}/${owner.namespace}/${owner.name}/${local.digest.replace(/^sha256:/, '').slice(0, 16)}`,
    url: pathToFileURL(local.dir).toString(),
    revision: local.revision,
    digest: local.digest,
    lastUpdateTime: sameContent ? previous.lastUpdateTime : now,
  };
}

/** The folder of an artifact, or undefined when it is not (or no longer) on this disk. */
export function artifactDir(artifact: Artifact | undefined): string | undefined {
  if (!artifact?.url.startsWith('file:')) return undefined;
  const dir = fileURLToPath(artifact.url);
  return existsSync(dir) ? dir : undefined;
}

const digests = new Map<string, string>();

/** `sha256:` of a folder's files (relative paths and contents, in sorted order); cached per folder. */
export function folderDigest(dir: string): string {
  const cached = digests.get(dir);
  if (cached) return cached;
  const hash = createHash('sha256');
  const walk = (at: string): void => {
    for (const entry of readdirSync(at).sort()) {
      const path = join(at, entry);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else
        hash
          .update(`${relative(dir, path)}\0`)
          .update(readFileSync(path))
          .update('\0');
    }
  };
  walk(dir);
  const digest = `sha256:${hash.digest('hex')}`;
  digests.set(dir, digest);
  return digest;
}
