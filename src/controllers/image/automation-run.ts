/**
 * One automation run, deciding nothing about status: resolve the GitRepository (URL,
 * credentials, branch), collect the policies' images, then write back: clone, apply the
 * setters under `update.path`, commit with the templated message, push (retrying on a
 * moved branch). A dry run stops after the edit and reports what would change.
 */
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { GitRepository } from '../../api/flux/index.js';
import { SOURCE_API_VERSION } from '../../api/flux/index.js';
import type { ImageRef, ImageUpdateAutomation } from '../../api/image/index.js';
import { updateWithSetters, type SetterChange } from '../../image/setters/index.js';
import { writeBack } from '../../image/writeback/index.js';
import type { Cluster } from '../../kube/cluster.js';
import type { GitCredentials } from '../../sources/git/index.js';
import { ensureGoTemplateEngine } from '../../templates/index.js';
import type { Logger } from '../../util/log.js';
import { readSecret } from '../flux/secrets.js';
import { checkTemplate, commitMessage, MessageTemplateError } from './automation-message.js';
import { policyImages } from './automation-policies.js';

export interface AutomationDeps {
  home: Cluster;
  log: Logger;
  /** Told of every push (for the `ferry_image_automation_pushes_total` counter). */
  onPushed?: (automation: { namespace: string; name: string }) => void;
}

/** A failure with Flux's condition reason; `stalled` when only a change to an object helps. */
export class AutomationError extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly stalled = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AutomationError';
  }
}

export interface RunReport {
  changes: SetterChange[];
  /** Files changed, relative to the repository root. */
  files: string[];
  commit?: string;
  pushed: boolean;
  attempts: number;
  message?: string;
  /** Where the commit goes: `branch 'main'` or `refspec '…'`. */
  target: string;
  observed: Record<string, ImageRef>;
}

async function gitRepositoryOf(deps: AutomationDeps, auto: ImageUpdateAutomation): Promise<GitRepository> {
  const ref = auto.spec.sourceRef;
  const namespace = ref.namespace ?? auto.metadata.namespace ?? 'default';
  const repo = (await deps.home.get({
    apiVersion: SOURCE_API_VERSION,
    kind: 'GitRepository',
    namespace,
    name: ref.name,
  })) as GitRepository | undefined;
  if (!repo)
    throw new AutomationError(
      'GitNotAvailable',
      `referenced git repository ${namespace}/${ref.name} is missing`,
    );
  return repo;
}

async function secretOf(
  deps: AutomationDeps,
  namespace: string,
  name: string,
): Promise<Record<string, string>> {
  return readSecret(deps.home, namespace, name).catch((err: Error) => {
    throw new AutomationError('ReconciliationFailed', err.message);
  });
}

async function credentialsOf(deps: AutomationDeps, repo: GitRepository): Promise<GitCredentials | undefined> {
  const name = repo.spec.secretRef?.name;
  if (!name) return undefined;
  const data = await secretOf(deps, repo.metadata.namespace ?? 'default', name);
  return { username: data.username, password: data.password ?? data.bearerToken };
}

async function signingKeyOf(deps: AutomationDeps, auto: ImageUpdateAutomation): Promise<string | undefined> {
  const name = auto.spec.git?.commit.signingKey?.secretRef.name;
  if (!name) return undefined;
  const data = await secretOf(deps, auto.metadata.namespace ?? 'default', name);
  if (!data['git.asc'])
    throw new AutomationError('ReconciliationFailed', `secret '${name}' has no 'git.asc' key`, true);
  if (data.passphrase) {
    throw new AutomationError(
      'ReconciliationFailed',
      `signing keys with a passphrase (secret '${name}') are not supported by Ferry`,
      true,
    );
  }
  return data['git.asc'];
}

/** The branch to check out: git.checkout.ref, else the GitRepository's ref, else master (Flux's default). */
function checkoutBranch(auto: ImageUpdateAutomation, repo: GitRepository): string {
  const ref = auto.spec.git?.checkout?.ref ?? repo.spec.ref;
  if (ref?.branch) return ref.branch;
  if (ref && (ref.tag || ref.semver || ref.commit || ref.name)) {
    throw new AutomationError(
      'ReconciliationFailed',
      'Ferry checks out branches only: set git.checkout.ref.branch (a tag, semver, commit or name ref is not supported)',
      true,
    );
  }
  return 'master';
}

function updateDir(root: string, path: string | undefined): string {
  const dir = resolve(root, path ?? '.');
  if (dir !== root && !dir.startsWith(root + sep)) {
    throw new AutomationError('InvalidSpec', `update.path "${path}" leaves the repository`, true);
  }
  if (!existsSync(dir))
    throw new AutomationError(
      'ReconciliationFailed',
      `update.path "${path}" does not exist in the repository`,
      true,
    );
  return dir;
}

function targetOf(branch: string, push: { branch?: string; refspec?: string } | undefined): string {
  const parts = [];
  if (push?.branch || !push?.refspec) parts.push(`branch '${push?.branch || branch}'`);
  if (push?.refspec) parts.push(`refspec '${push.refspec}'`);
  return parts.join(' and ');
}

/** Message template errors become the automation's InvalidCommitTemplate (stalled: the spec must change). */
function asTemplateError(err: unknown): unknown {
  return err instanceof MessageTemplateError
    ? new AutomationError('InvalidCommitTemplate', err.message, true, { cause: err })
    : err;
}

function renderMessage(auto: ImageUpdateAutomation, changes: SetterChange[]): string {
  const commit = auto.spec.git?.commit;
  try {
    return commitMessage({
      template: commit?.messageTemplate,
      automation: { namespace: auto.metadata.namespace ?? 'default', name: auto.metadata.name ?? '' },
      changes,
      values: commit?.messageTemplateValues,
    });
  } catch (err) {
    if (err instanceof MessageTemplateError)
      throw new AutomationError('InvalidCommitTemplate', err.message, true);
    throw err;
  }
}

/** Files of the changes relative to the repository root (for a dry run, which has no commit). */
function repoFiles(auto: ImageUpdateAutomation, changes: SetterChange[]): string[] {
  const prefix = (auto.spec.update?.path ?? '.').replace(/^\.\/?/, '').replace(/\/$/, '');
  return [...new Set(changes.map((c) => (prefix ? join(prefix, c.file) : c.file)))];
}

interface Prepared {
  git: NonNullable<ImageUpdateAutomation['spec']['git']>;
  repo: GitRepository;
  branch: string;
  images: Awaited<ReturnType<typeof policyImages>>;
}

/** Everything a run needs before cloning; spec problems fail here, before any network. */
async function prepare(deps: AutomationDeps, auto: ImageUpdateAutomation): Promise<Prepared> {
  const git = auto.spec.git;
  if (!git) throw new AutomationError('InvalidSpec', 'spec.git is required', true);
  try {
    checkTemplate(git.commit.messageTemplate);
  } catch (err) {
    throw asTemplateError(err);
  }
  const repo = await gitRepositoryOf(deps, auto);
  const branch = checkoutBranch(auto, repo);
  const images = await policyImages(deps.home, auto);
  if (git.commit.messageTemplate) await ensureGoTemplateEngine();
  return { git, repo, branch, images };
}

export async function runAutomation(
  deps: AutomationDeps,
  auto: ImageUpdateAutomation,
  options: { dryRun?: boolean } = {},
): Promise<RunReport> {
  const { git, repo, branch, images } = await prepare(deps, auto);
  const dryRun = options.dryRun === true;
  let preview: SetterChange[] = [];
  let message: string | undefined;
  const result = await writeBack<SetterChange>({
    url: repo.spec.url,
    credentials: await credentialsOf(deps, repo),
    branch,
    pushBranch: git.push?.branch,
    refspec: git.push?.refspec,
    author: { name: git.commit.author.name ?? '', email: git.commit.author.email },
    signingKey: dryRun ? undefined : await signingKeyOf(deps, auto),
    log: deps.log,
    edit: async (dir) => {
      preview = await updateWithSetters(updateDir(dir, auto.spec.update?.path), images.images, { dryRun });
      return dryRun ? [] : preview;
    },
    message: (changes) => (message = renderMessage(auto, changes)),
  });
  const changes = dryRun ? preview : result.changes;
  if (dryRun && changes.length > 0) message = renderMessage(auto, changes);
  return {
    changes,
    files: result.files ?? repoFiles(auto, changes),
    commit: result.commit,
    pushed: result.pushed,
    attempts: result.attempts,
    message,
    target: targetOf(branch, git.push),
    observed: images.observed,
  };
}
