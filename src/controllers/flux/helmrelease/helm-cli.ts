/**
 * Helm actions through the real helm binary, never deciding whether to run them. Each
 * call names the destination cluster with --kubeconfig (a 0600 file per cluster), the
 * release namespace with -n (where helm also stores the release), and passes the values
 * as one file. Waiting is helm's own (--wait/--wait-for-jobs up to --timeout): helm then
 * marks a release that never became ready as `failed` in its storage, which is what the
 * remediation reads, and `helm history` shows the same story.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parseGoDuration } from '../../../api/argo/duration.js';
import { helmMessage } from '../../../sources/helm/oci-repo.js';
import { runHelm } from '../../../tools/binaries.js';

export interface HelmTarget {
  kubeconfig: string;
  namespace: string;
  release: string;
}

interface Waiting {
  timeout: string;
  wait: boolean;
  waitForJobs: boolean;
  noHooks: boolean;
}

export interface InstallOptions extends Waiting {
  chart: string;
  values: Record<string, unknown>;
  createNamespace: boolean;
  skipCrds: boolean;
  disableOpenAPIValidation: boolean;
  replace: boolean;
  /** `--post-renderer FILE` (see post-render.ts), or nothing. */
  postRenderer?: string[];
}

export interface UpgradeOptions extends Waiting {
  chart: string;
  values: Record<string, unknown>;
  /** helm --reuse-values (upgrade.preserveValues) instead of --reset-values. */
  reuseValues: boolean;
  maxHistory: number;
  force: boolean;
  cleanupOnFail: boolean;
  disableOpenAPIValidation: boolean;
  postRenderer?: string[];
}

export interface RollbackOptions extends Waiting {
  version: number;
  maxHistory: number;
  cleanupOnFail: boolean;
  recreate: boolean;
  force: boolean;
}

export interface UninstallOptions {
  timeout: string;
  keepHistory: boolean;
  noHooks: boolean;
  wait: boolean;
  cascade: 'background' | 'foreground' | 'orphan';
}

/** A helm command failed; the message is helm's own, without the command line. */
export class HelmActionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HelmActionError';
  }
}

const flag = (on: boolean, name: string): string[] => (on ? [name] : []);

function waitFlags(o: Waiting): string[] {
  return [
    '--timeout',
    o.timeout,
    ...flag(o.wait, '--wait'),
    ...flag(o.wait && o.waitForJobs, '--wait-for-jobs'),
    ...flag(o.noHooks, '--no-hooks'),
  ];
}

async function helm(target: HelmTarget, args: string[], timeout: string): Promise<string> {
  const limit = (parseGoDuration(timeout) ?? 300_000) + 120_000;
  try {
    const { stdout } = await runHelm(
      [...args, '--namespace', target.namespace, '--kubeconfig', target.kubeconfig],
      {
        timeoutMs: limit,
      },
    );
    return stdout;
  } catch (err) {
    throw new HelmActionError(helmMessage(err), { cause: err });
  }
}

/** Runs `use` with the values written to a private temporary file, removed afterwards. */
async function withValuesFile<T>(
  values: Record<string, unknown>,
  use: (file: string) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-hr-values-'));
  const file = join(dir, 'values.yaml');
  writeFileSync(file, Object.keys(values).length ? stringify(values) : '{}\n', { mode: 0o600 });
  try {
    return await use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function helmInstall(target: HelmTarget, o: InstallOptions): Promise<string> {
  return withValuesFile(o.values, (file) =>
    helm(
      target,
      [
        'install',
        target.release,
        o.chart,
        '--values',
        file,
        ...waitFlags(o),
        ...flag(o.createNamespace, '--create-namespace'),
        ...flag(o.skipCrds, '--skip-crds'),
        ...flag(o.disableOpenAPIValidation, '--disable-openapi-validation'),
        ...flag(o.replace, '--replace'),
        ...(o.postRenderer ?? []),
      ],
      o.timeout,
    ),
  );
}

export function helmUpgrade(target: HelmTarget, o: UpgradeOptions): Promise<string> {
  return withValuesFile(o.values, (file) =>
    helm(
      target,
      [
        'upgrade',
        target.release,
        o.chart,
        '--values',
        file,
        o.reuseValues ? '--reuse-values' : '--reset-values',
        '--history-max',
        String(o.maxHistory),
        ...waitFlags(o),
        ...flag(o.force, '--force'),
        ...flag(o.cleanupOnFail, '--cleanup-on-fail'),
        ...flag(o.disableOpenAPIValidation, '--disable-openapi-validation'),
        ...(o.postRenderer ?? []),
      ],
      o.timeout,
    ),
  );
}

export function helmTest(
  target: HelmTarget,
  o: { timeout: string; filters: Array<{ name: string; exclude?: boolean }> },
): Promise<string> {
  const filters = o.filters.flatMap((f) => ['--filter', `${f.exclude ? '!' : ''}name=${f.name}`]);
  return helm(target, ['test', target.release, '--timeout', o.timeout, ...filters], o.timeout);
}

export function helmRollback(target: HelmTarget, o: RollbackOptions): Promise<string> {
  return helm(
    target,
    [
      'rollback',
      target.release,
      String(o.version),
      '--history-max',
      String(o.maxHistory),
      ...waitFlags(o),
      ...flag(o.cleanupOnFail, '--cleanup-on-fail'),
      ...flag(o.recreate, '--recreate-pods'),
      ...flag(o.force, '--force'),
    ],
    o.timeout,
  );
}

export function helmUninstall(target: HelmTarget, o: UninstallOptions): Promise<string> {
  return helm(
    target,
    [
      'uninstall',
      target.release,
      '--timeout',
      o.timeout,
      '--cascade',
      o.cascade,
      ...flag(o.keepHistory, '--keep-history'),
      ...flag(o.noHooks, '--no-hooks'),
      ...flag(o.wait, '--wait'),
    ],
    o.timeout,
  );
}
