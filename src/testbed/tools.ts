/**
 * The real binaries the test bed runs: the Kubernetes control plane and etcd built
 * from testbed/gobuild, and helm, kustomize, kwok and kubeseal from `go install`.
 * Each is built once into the cache (keyed by version) and reused afterwards.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { cacheDir, projectRoot } from '../util/paths.js';
import { run } from '../util/exec.js';
import { ensureGoTemplateEngine } from '../templates/go-engine.js';
import {
  controlPlaneBinaries,
  goInstallTools,
  versions,
  type ControlPlaneBinary,
  type GoInstallTool,
} from './versions.js';

export type ToolName = ControlPlaneBinary | GoInstallTool;

export function toolsDir(): string {
  return join(cacheDir(), 'tools');
}

function controlPlaneDir(): string {
  return join(toolsDir(), `k8s-${versions.kubernetes}-etcd-${versions.etcd}`);
}

/** The absolute path of a test-bed binary (which may not be built yet). */
export function toolPath(name: ToolName): string {
  if (name in goInstallTools) {
    const tool = goInstallTools[name as GoInstallTool];
    return join(toolsDir(), `${name}-${tool.version}`, name);
  }
  return join(controlPlaneDir(), name);
}

export function allToolPaths(): Record<ToolName, string> {
  const names = [...controlPlaneBinaries, ...(Object.keys(goInstallTools) as GoInstallTool[])];
  return Object.fromEntries(names.map((n) => [n, toolPath(n)])) as Record<ToolName, string>;
}

export type Progress = (message: string) => void;

/** Builds whatever is missing. Cold: tens of minutes on 2 cores; warm: a few milliseconds. */
export async function ensureTools(progress: Progress = () => undefined): Promise<Record<ToolName, string>> {
  const missingControlPlane = controlPlaneBinaries.filter((b) => !existsSync(toolPath(b)));
  if (missingControlPlane.length > 0) await buildControlPlane(missingControlPlane, progress);
  for (const name of Object.keys(goInstallTools) as GoInstallTool[]) {
    if (!existsSync(toolPath(name))) await goInstall(name, progress);
  }
  if (!existsSync(kwokStagesPath())) await writeKwokStages();
  await ensureGoTemplateEngine(progress);
  return allToolPaths();
}

/**
 * kwok needs Stage objects that say how simulated nodes and pods move through their
 * lifecycle. We use the "fast" stages kwok itself ships in its module (node
 * heartbeat/initialise, pod ready/complete/delete), read from the Go module cache.
 */
const kwokStageFiles = [
  'node/fast/node-initialize.yaml',
  'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'pod/fast/pod-ready.yaml',
  'pod/fast/pod-complete.yaml',
  'pod/fast/pod-delete.yaml',
];

export function kwokStagesPath(): string {
  const key = createHash('sha256').update(kwokStageFiles.join('\n')).digest('hex').slice(0, 8);
  return join(toolsDir(), `kwok-${versions.kwok}`, `stages-${key}.yaml`);
}

async function writeKwokStages(): Promise<void> {
  const { stdout } = await run('go', ['mod', 'download', '-json', `sigs.k8s.io/kwok@${versions.kwok}`], {
    env: goEnv(),
  });
  const moduleDir = (JSON.parse(stdout) as { Dir: string }).Dir;
  const stageDir = join(moduleDir, 'kustomize', 'stage');
  const docs = kwokStageFiles.map((f) => readFileSync(join(stageDir, f), 'utf8').trim());
  mkdirSync(join(toolsDir(), `kwok-${versions.kwok}`), { recursive: true });
  writeFileSync(kwokStagesPath(), `${docs.join('\n---\n')}\n`);
}

function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, CGO_ENABLED: '0', GOFLAGS: process.env.GOFLAGS ?? '-buildvcs=false' };
}

function versionLdflags(): string {
  const [, major, minor] = /^v(\d+)\.(\d+)\./.exec(versions.kubernetes) ?? [];
  const pkgs = ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version'];
  return pkgs
    .map(
      (p) =>
        `-X ${p}.gitVersion=${versions.kubernetes} -X ${p}.gitMajor=${major} -X ${p}.gitMinor=${minor} -X ${p}.gitTreeState=clean`,
    )
    .join(' ');
}

async function buildControlPlane(binaries: readonly ControlPlaneBinary[], progress: Progress): Promise<void> {
  const moduleDir = join(projectRoot(), 'testbed', 'gobuild');
  const goMod = readFileSync(join(moduleDir, 'go.mod'), 'utf8');
  for (const pin of [
    `k8s.io/kubernetes ${versions.kubernetes}`,
    `go.etcd.io/etcd/server/v3 ${versions.etcd}`,
  ]) {
    if (!goMod.includes(pin))
      throw new Error(`testbed/gobuild/go.mod does not pin ${pin}; keep it in step with versions.ts`);
  }
  const packages = binaries.map((b) => (b === 'etcd' ? './etcd' : `k8s.io/kubernetes/cmd/${b}`));
  const outDir = controlPlaneDir();
  const tmpDir = `${outDir}.partial`;
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  progress(
    `building ${binaries.join(', ')} (Kubernetes ${versions.kubernetes}, etcd ${versions.etcd}); cold builds take a while`,
  );
  await run(
    'go',
    ['build', '-trimpath', '-ldflags', `-s -w ${versionLdflags()}`, '-o', `${tmpDir}/`, ...packages],
    {
      cwd: moduleDir,
      env: goEnv(),
    },
  );
  mkdirSync(outDir, { recursive: true });
  // Move each binary in only when the whole build succeeded, so a half build is never used.
  for (const b of binaries) renameSync(join(tmpDir, b), join(outDir, b));
  rmSync(tmpDir, { recursive: true, force: true });
}

async function goInstall(name: GoInstallTool, progress: Progress): Promise<void> {
  const tool = goInstallTools[name];
  const bin = join(toolsDir(), `${name}-${tool.version}`);
  mkdirSync(bin, { recursive: true });
  progress(`installing ${name} ${tool.version} with go install`);
  await run(
    'go',
    ['install', '-trimpath', '-ldflags', `-s -w ${tool.ldflags}`, `${tool.pkg}@${tool.version}`],
    {
      env: { ...goEnv(), GOBIN: bin },
    },
  );
}
