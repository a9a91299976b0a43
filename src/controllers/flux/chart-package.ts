/**
 * What source-controller does when it packages a chart, done on a copy of the chart
 * folder: `valuesFiles` merged in order (helm's map merge) become the chart's values.yaml,
 * and under `reconcileStrategy: Revision` the version gets the source revision as build
 * metadata (`1.2.0+<12 hex>`), so a new commit is a new chart version. The copy lives in
 * the artifact store, keyed by its inputs, made once.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { mergeValues } from './helmrelease/values.js';
import { isMap, type Values } from './helmrelease/strvals.js';
import { folderDigest } from './artifacts.js';

export interface PackageOptions {
  /** Replaces Chart.yaml's version. */
  version?: string;
  /** Values files (absolute paths) merged in order into values.yaml. */
  valuesFiles?: string[];
  ignoreMissingValuesFiles?: boolean;
}

export class ValuesFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValuesFileError';
  }
}

/** Resolves values file paths against `base`, refusing any that leave it. */
export function valuesFilePaths(base: string, files: string[]): string[] {
  return files.map((file) => {
    const path = resolve(base, file);
    if (!path.startsWith(resolve(base)))
      throw new ValuesFileError(`values file '${file}' is outside the source`);
    return path;
  });
}

function mergedValues(files: string[], ignoreMissing: boolean): Values {
  let values: Values = {};
  for (const file of files) {
    if (!existsSync(file)) {
      if (ignoreMissing) continue;
      throw new ValuesFileError(`no values file '${file.split('/').slice(-2).join('/')}' found`);
    }
    const doc: unknown = parse(readFileSync(file, 'utf8'));
    if (doc !== null && doc !== undefined && !isMap(doc))
      throw new ValuesFileError(`values file '${file}' is not a YAML map`);
    values = mergeValues(values, (doc as Values | null) ?? {});
  }
  return values;
}

/** The chart folder to publish: `dir` itself when nothing changes, else a prepared copy. */
export function packageChart(dir: string, root: string, options: PackageOptions): string {
  const files = options.valuesFiles ?? [];
  if (!options.version && files.length === 0) return dir;
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        folderDigest(dir),
        options.version ?? '',
        files,
        options.ignoreMissingValuesFiles ?? false,
      ]),
    )
    .digest('hex')
    .slice(0, 32);
  const target = join(root, 'helmchart', key);
  if (existsSync(target)) return target;
  const values = files.length ? mergedValues(files, options.ignoreMissingValuesFiles ?? false) : undefined;
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(join(root, 'helmchart'), { recursive: true });
  cpSync(dir, tmp, { recursive: true });
  if (values) writeFileSync(join(tmp, 'values.yaml'), stringify(values));
  if (options.version) {
    const meta = parse(readFileSync(join(tmp, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(tmp, 'Chart.yaml'), stringify({ ...meta, version: options.version }));
  }
  try {
    renameSync(tmp, target);
  } catch {
    rmSync(tmp, { recursive: true, force: true });
  }
  return target;
}
