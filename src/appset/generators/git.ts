/**
 * The git generator, as Argo CD's repo_path_utils.go: `directories` (every directory
 * matching an include pattern and no exclude pattern, Go path.Match) or, when there are
 * none, `files` (JSON or YAML files, each an object or a list of objects; flattened to
 * dotted keys without goTemplate). Path parameters: path, path.basename,
 * path.basenameNormalized, path[N] (path.filename… for files), or `.path.*` objects with
 * goTemplate; `pathParamPrefix` nests them.
 */
import { parse } from 'yaml';
import type { GitGenerator, GitPathItem } from '../../api/argo/index.js';
import { goPathMatch } from '../glob.js';
import { appendValues, type TemplateSyntax } from '../interpolate.js';
import { flattenParams, isPlainObject, sanitizeName, type Params } from '../params.js';
import { GeneratorError, type GeneratorInputs } from './types.js';

const dirname = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) || '/' : '.');
const basename = (p: string): string =>
  p === '' ? '.' : (p.replace(/\/+$/, '').split('/').pop() ?? p) || '/';

function pathParams(path: string, prefix: string | undefined, goTemplate: boolean, file?: string): Params {
  const base = basename(path);
  if (goTemplate) {
    const value: Params = {
      path,
      basename: base,
      basenameNormalized: sanitizeName(base),
      segments: path.split('/'),
    };
    if (file !== undefined) Object.assign(value, { filename: file, filenameNormalized: sanitizeName(file) });
    return prefix ? { [prefix]: { path: value } } : { path: value };
  }
  const name = prefix ? `${prefix}.path` : 'path';
  const params: Params = {
    [name]: path,
    [`${name}.basename`]: base,
    [`${name}.basenameNormalized`]: sanitizeName(base),
  };
  if (file !== undefined)
    Object.assign(params, { [`${name}.filename`]: file, [`${name}.filenameNormalized`]: sanitizeName(file) });
  path.split('/').forEach((segment, i) => {
    if (segment !== '') params[`${name}[${i}]`] = segment;
  });
  return params;
}

export function filterDirectories(items: readonly GitPathItem[], paths: readonly string[]): string[] {
  return paths.filter((p) => {
    const matching = items.filter((item) => goPathMatch(item.path, p));
    return matching.some((i) => !i.exclude) && !matching.some((i) => i.exclude);
  });
}

function fileObjects(path: string, content: string, repoURL: string): Array<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = parse(content, { version: '1.1' });
  } catch (err) {
    throw new GeneratorError(
      `unable to process file '${path}' from repository '${repoURL}': unable to parse file: ${(err as Error).message}`,
      { cause: err },
    );
  }
  if (parsed === null || parsed === undefined) return [{}];
  if (isPlainObject(parsed)) return [parsed];
  if (Array.isArray(parsed) && parsed.every(isPlainObject)) return parsed;
  throw new GeneratorError(
    `unable to process file '${path}' from repository '${repoURL}': unable to parse file: expected an object or a list of objects`,
  );
}

/** Parameter sets of one file (Argo CD's parseFileParams). */
export function fileParams(
  path: string,
  content: string,
  git: GitGenerator,
  syntax: TemplateSyntax,
): Params[] {
  const dir = dirname(path);
  return fileObjects(path, content, git.repoURL).map((object) => {
    const own = syntax.goTemplate ? { ...object } : flattenParams(object);
    const params = { ...own, ...pathParams(dir, git.pathParamPrefix, syntax.goTemplate, basename(path)) };
    return appendValues(params, git.values, syntax);
  });
}

async function directoryParams(
  git: GitGenerator,
  inputs: GeneratorInputs,
  syntax: TemplateSyntax,
): Promise<Params[]> {
  let all: string[];
  try {
    all = await inputs.gitDirectories(git.repoURL, git.revision);
  } catch (err) {
    throw new GeneratorError(
      `error generating params from git: error getting directories from git: ${(err as Error).message}`,
      { cause: err },
    );
  }
  return filterDirectories(git.directories ?? [], all).map((p) =>
    appendValues(pathParams(p, git.pathParamPrefix, syntax.goTemplate), git.values, syntax),
  );
}

async function filesParams(
  git: GitGenerator,
  inputs: GeneratorInputs,
  syntax: TemplateSyntax,
): Promise<Params[]> {
  const files: Record<string, string> = {};
  const items = git.files ?? [];
  for (const item of items.filter((i) => !i.exclude))
    Object.assign(files, await inputs.gitFiles(git.repoURL, git.revision, item.path));
  for (const item of items.filter((i) => i.exclude))
    for (const path of Object.keys(await inputs.gitFiles(git.repoURL, git.revision, item.path)))
      delete files[path];
  return Object.keys(files)
    .sort()
    .flatMap((path) => fileParams(path, files[path] ?? '', git, syntax));
}

export async function gitGeneratorParams(
  git: GitGenerator,
  inputs: GeneratorInputs,
  syntax: TemplateSyntax,
): Promise<Params[]> {
  if (git.directories?.length) return directoryParams(git, inputs, syntax);
  if (git.files?.length) {
    try {
      return await filesParams(git, inputs, syntax);
    } catch (err) {
      if (err instanceof GeneratorError) throw err;
      throw new GeneratorError(`error generating params from git: ${(err as Error).message}`, { cause: err });
    }
  }
  throw new GeneratorError('ApplicationSet is empty: a git generator needs directories or files');
}
