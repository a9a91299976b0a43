/**
 * Laying settings over a kustomization file, shared by Flux Kustomizations and Argo CD's
 * `spec.source.kustomize`: both write into the path's kustomization file inside a private
 * copy of the checkout (never the shared checkout), then run the real `kustomize build`.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { RenderError } from './errors.js';
import { kustomizationFileNames } from './kustomize.js';

export type KustomizeFile = Record<string, unknown>;

export function kustomizationFileIn(dir: string): string | undefined {
  return kustomizationFileNames.map((f) => join(dir, f)).find((f) => existsSync(f));
}

/** The kustomization file's content; a file that does not parse is a RenderError. */
export function readKustomizationFile(file: string): KustomizeFile {
  try {
    const doc = parse(readFileSync(file, 'utf8')) as unknown;
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as KustomizeFile) : {};
  } catch (err) {
    throw new RenderError(
      `kustomization file ${file.split('/').pop() ?? ''} is not valid YAML: ${(err as Error).message}`,
    );
  }
}

export function writeKustomizationFile(file: string, content: KustomizeFile): void {
  writeFileSync(file, stringify(content));
}

export const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const nameOf = (item: unknown): unknown =>
  typeof item === 'object' && item !== null ? (item as { name?: unknown }).name : undefined;

/** `existing` with each update replacing the entry of the same name, or appended (images, replicas). */
export function upsertByName<T extends { name: string }>(existing: unknown, updates: T[]): unknown[] {
  const out = [...listOf(existing)];
  for (const update of updates) {
    const at = out.findIndex((e) => nameOf(e) === update.name);
    if (at >= 0) out[at] = update;
    else out.push(update);
  }
  return out;
}

/** `existing` with the new entries that are not in it yet appended (components). */
export function appendUnique(existing: unknown, updates: string[]): unknown[] {
  const out = [...listOf(existing)];
  for (const u of updates) if (!out.includes(u)) out.push(u);
  return out;
}

/**
 * Runs `work` on a private copy of `root` (without `.git`), at `relPath` inside it, and
 * removes the copy afterwards. The copy holds the whole tree because a kustomization
 * may refer to `../base`.
 */
export async function inPrivateCopy<T>(
  root: string,
  relPath: string,
  work: (dir: string, copyRoot: string) => Promise<T>,
): Promise<T> {
  const copy = mkdtempSync(join(tmpdir(), 'ferry-kustomize-'));
  try {
    cpSync(root, copy, { recursive: true, filter: (src) => !src.split('/').includes('.git') });
    return await work(join(copy, relPath), copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
