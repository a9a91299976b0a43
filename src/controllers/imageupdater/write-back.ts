/**
 * Carries out an Application's image changes the way its annotations ask:
 * `argocd` patches the Application's Helm parameters or Kustomize images; `git` commits
 * the override file `.argocd-source-<app>.yaml` (or the `helmvalues:`/`kustomization`
 * target) to the source's branch through writeBack(), one commit per run, none when the
 * files already say so.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Application, ApplicationSource } from '../../api/argo/index.js';
import type { Cluster } from '../../kube/cluster.js';
import type { Logger } from '../../util/log.js';
import type { GitCredentials } from '../../sources/git/index.js';
import { gitEnv } from '../../sources/git/auth-env.js';
import { run } from '../../util/exec.js';
import { writeBack, type CommitAuthor } from '../../image/writeback/index.js';
import type { WriteBackConfig } from '../../image/argo/annotations.js';
import { commitMessage, writeBranchName, type ImageChange } from '../../image/argo/commit.js';
import {
  helmParameters,
  kustomizeImage,
  mergeKustomizeImages,
  mergeParameters,
  overrideFileContent,
  overrideFileName,
  type HelmParameter,
} from '../../image/argo/overrides.js';
import { helmKeyPath, setKustomizeImage, setValues } from '../../image/argo/values-file.js';
import { kustomizationFileNames } from '../../render/kustomize.js';
import type { PlannedChange } from './plan.js';

export interface WriteBackDeps {
  home: Cluster;
  log: Logger;
  author: CommitAuthor;
  commitMessageTemplate?: string;
  gitCredentials(config: WriteBackConfig, repoURL: string): Promise<GitCredentials | undefined>;
}

export interface WriteBackOutcome {
  method: 'argocd' | 'git';
  /** false when the Application or the files already had these values. */
  changed: boolean;
  commit?: string;
  branch?: string;
}

type AppType = 'Helm' | 'Kustomize';

export function applicationType(app: Application): AppType {
  const source = app.spec.source;
  const type =
    app.status?.sourceType || (source?.helm ? 'Helm' : source?.kustomize ? 'Kustomize' : undefined);
  if (type === 'Helm' || type === 'Kustomize') return type;
  throw new Error(
    `image updates need a Helm or Kustomize application (this one is ${type ?? 'of unknown type'})`,
  );
}

function singleSource(app: Application): ApplicationSource {
  if (!app.spec.source)
    throw new Error('image updates support applications with one source (spec.source) only');
  return app.spec.source;
}

export const imageChanges = (changes: PlannedChange[]): ImageChange[] =>
  changes.map((c) => ({
    alias: c.spec.alias,
    image: c.image,
    oldTag: c.oldTag,
    newTag: c.digest ? `${c.newTag}@${c.digest}` : c.newTag,
  }));

const newImage = (c: PlannedChange): { name: string; tag: string; digest?: string } => ({
  name: c.image,
  tag: c.newTag,
  digest: c.digest,
});

export async function writeBackChanges(
  app: Application,
  config: WriteBackConfig,
  changes: PlannedChange[],
  deps: WriteBackDeps,
): Promise<WriteBackOutcome> {
  return config.method === 'argocd'
    ? patchApplication(app, changes, deps)
    : commitToGit(app, config, changes, deps);
}

async function patchApplication(
  app: Application,
  changes: PlannedChange[],
  deps: WriteBackDeps,
): Promise<WriteBackOutcome> {
  const source = singleSource(app);
  const ref = {
    apiVersion: app.apiVersion,
    kind: app.kind,
    namespace: app.metadata.namespace,
    name: app.metadata.name ?? '',
  };
  if (applicationType(app) === 'Helm') {
    const current = source.helm?.parameters?.map(toParameter) ?? [];
    const parameters = mergeParameters(
      current,
      changes.flatMap((c) => helmParameters(c.settings, newImage(c))),
    );
    if (JSON.stringify(parameters) === JSON.stringify(current)) return { method: 'argocd', changed: false };
    await deps.home.mergePatch(ref, { spec: { source: { helm: { parameters } } } });
  } else {
    const current = source.kustomize?.images ?? [];
    const images = mergeKustomizeImages(
      current,
      changes.map((c) => kustomizeImage(c.settings, newImage(c), c.liveName)),
    );
    if (JSON.stringify(images) === JSON.stringify(current)) return { method: 'argocd', changed: false };
    await deps.home.mergePatch(ref, { spec: { source: { kustomize: { images } } } });
  }
  return { method: 'argocd', changed: true };
}

const toParameter = (p: { name?: string; value?: string; forceString?: boolean }): HelmParameter => ({
  name: p.name ?? '',
  value: p.value ?? '',
  ...(p.forceString ? { forceString: true } : {}),
});

async function commitToGit(
  app: Application,
  config: WriteBackConfig,
  changes: PlannedChange[],
  deps: WriteBackDeps,
): Promise<WriteBackOutcome> {
  const source = singleSource(app);
  const url = config.repository ?? source.repoURL;
  const credentials = await deps.gitCredentials(config, url);
  const branch = await checkoutBranch(url, config.branch ?? source.targetRevision, credentials);
  const summary = imageChanges(changes);
  const pushBranch = config.writeBranch
    ? writeBranchName(
        config.writeBranch,
        { name: app.metadata.name ?? '', namespace: app.metadata.namespace ?? '' },
        summary,
      )
    : undefined;
  const type = applicationType(app);
  const result = await writeBack<PlannedChange>({
    url,
    credentials,
    branch,
    pushBranch,
    author: deps.author,
    log: deps.log,
    edit: (dir) => Promise.resolve(editFiles(dir, { app, source, config, type }, changes) ? changes : []),
    message: () => commitMessage(deps.commitMessageTemplate, app.metadata.name ?? '', summary),
  });
  return { method: 'git', changed: result.pushed, commit: result.commit, branch: pushBranch ?? branch };
}

/** The branch to check out: the one configured, else targetRevision, else the remote's default. */
async function checkoutBranch(
  url: string,
  revision: string | undefined,
  credentials?: GitCredentials,
): Promise<string> {
  if (revision && revision !== 'HEAD') return revision;
  const { stdout } = await run('git', ['ls-remote', '--symref', url, 'HEAD'], {
    env: gitEnv(credentials),
    timeoutMs: 60_000,
  });
  const m = /^ref: refs\/heads\/(\S+)\s+HEAD/m.exec(stdout);
  if (!m) throw new Error(`could not find the default branch of ${url}; set the git-branch annotation`);
  return m[1]!;
}

/** Resolves a target path: `/x` from the repository root, otherwise relative to the source path. */
function targetPath(dir: string, sourcePath: string | undefined, target: string): string {
  const rel = target.startsWith('/') ? target.slice(1) : posix.join(sourcePath ?? '.', target);
  const normalized = posix.normalize(rel);
  if (normalized.startsWith('..'))
    throw new Error(`write-back-target "${target}" points outside the repository`);
  return join(dir, normalized);
}

/** Edits the target file(s) in a checkout; returns whether anything changed. */
interface EditContext {
  app: Application;
  source: ApplicationSource;
  config: WriteBackConfig;
  type: AppType;
}

function editFiles(
  dir: string,
  { app, source, config, type }: EditContext,
  changes: PlannedChange[],
): boolean {
  const target = config.target;
  if (target.kind === 'helmvalues') {
    const file = targetPath(dir, source.path, target.path);
    if (!existsSync(file)) throw new Error(`write-back-target: values file ${target.path} not found`);
    const assignments = changes.flatMap((c) =>
      helmParameters(c.settings, newImage(c)).map((p) => ({ path: helmKeyPath(p.name), value: p.value })),
    );
    return rewrite(file, (text) => setValues(text, assignments, target.path));
  }
  if (target.kind === 'kustomization') {
    const base = targetPath(dir, source.path, target.path ?? '.');
    const name = kustomizationFileNames.map((f) => join(base, f)).find((f) => existsSync(f));
    if (!name) throw new Error(`write-back-target: no kustomization in ${target.path ?? source.path ?? '.'}`);
    return rewrite(name, (text) =>
      changes.reduce(
        (t, c) =>
          setKustomizeImage(
            t,
            {
              name: c.settings.kustomizeImageName ?? c.liveName,
              newName: c.image === c.liveName ? undefined : c.image,
              newTag: c.newTag,
              digest: c.digest,
            },
            'kustomization',
          ),
        text,
      ),
    );
  }
  const file = targetPath(dir, source.path, overrideFileName(app.metadata.name ?? ''));
  const change =
    type === 'Helm'
      ? { parameters: changes.flatMap((c) => helmParameters(c.settings, newImage(c))) }
      : { images: changes.map((c) => kustomizeImage(c.settings, newImage(c), c.liveName)) };
  return rewrite(file, (text) => overrideFileContent(text || undefined, change));
}

function rewrite(file: string, edit: (text: string) => string): boolean {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const after = edit(before);
  if (after === before) return false;
  writeFileSync(file, after);
  return true;
}
