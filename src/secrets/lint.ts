/**
 * Plain Secrets in a GitOps folder: a `kind: Secret` with `data` or `stringData` committed to
 * Git is a leak. `ferry lint` reports each one (file, document, name) so CI can refuse it;
 * the fix is to seal it (ferry seal / kubeseal). The values themselves are never read out.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface PlainSecretFinding {
  /** Path relative to the folder linted. */
  file: string;
  /** 0-based document index within the file. */
  document: number;
  name: string;
  keys: number;
}

const SKIP_DIRS = new Set(['.git', 'node_modules', '.terraform']);
const MANIFEST = /\.(ya?ml|json)$/i;

function manifestFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) files.push(...manifestFiles(path));
    else if (entry.isFile() && MANIFEST.test(entry.name)) files.push(path);
  }
  return files;
}

function countKeys(value: unknown): number {
  return typeof value === 'object' && value !== null ? Object.keys(value).length : 0;
}

/** Plain Secrets with data in one file's documents. Unparseable documents are skipped. */
export function plainSecretsIn(text: string, file: string): PlainSecretFinding[] {
  const findings: PlainSecretFinding[] = [];
  parseAllDocuments(text).forEach((doc, document) => {
    if (doc.errors.length > 0) return;
    const obj = doc.toJS() as Record<string, unknown> | null;
    if (obj?.kind !== 'Secret' || obj.apiVersion !== 'v1') return;
    const keys = countKeys(obj.data) + countKeys(obj.stringData);
    const name = (obj.metadata as { name?: string } | undefined)?.name ?? '';
    if (keys > 0) findings.push({ file, document, name, keys });
  });
  return findings;
}

/** Every plain Secret with data under `root` (a folder or one file). */
export function findPlainSecrets(root: string): PlainSecretFinding[] {
  const files = statSync(root).isDirectory() ? manifestFiles(root) : [root];
  return files
    .sort()
    .flatMap((file) => plainSecretsIn(readFileSync(file, 'utf8'), relative(root, file) || file));
}
