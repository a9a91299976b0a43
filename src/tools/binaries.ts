/**
 * The external programs Ferry runs: helm and kustomize (pinned builds from the tools
 * cache when present, else FERRY_HELM / FERRY_KUSTOMIZE, else PATH) and git (PATH).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { toolPath } from '../testbed/tools.js';
import { cacheDir } from '../util/paths.js';
import { run, type RunOptions, type RunResult } from '../util/exec.js';

export function helmBinary(): string {
  return process.env.FERRY_HELM ?? (existsSync(toolPath('helm')) ? toolPath('helm') : 'helm');
}

export function kustomizeBinary(): string {
  return (
    process.env.FERRY_KUSTOMIZE ?? (existsSync(toolPath('kustomize')) ? toolPath('kustomize') : 'kustomize')
  );
}

/** helm with a home of its own, so the user's repositories and logins never leak in. */
export function runHelm(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const home = join(cacheDir(), 'helm-home');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_DATA_HOME: join(home, 'data'),
    HELM_REGISTRY_CONFIG: join(home, 'config', 'registry.json'),
    HELM_REPOSITORY_CONFIG: join(home, 'config', 'repositories.yaml'),
    ...options.env,
  };
  return run(helmBinary(), args, { ...options, env });
}

const versionCache = new Map<string, Promise<string>>();

/** `helm version --short` / `kustomize version`, for render cache keys. */
export function toolVersion(tool: 'helm' | 'kustomize'): Promise<string> {
  let v = versionCache.get(tool);
  if (!v) {
    v = (tool === 'helm' ? runHelm(['version', '--short']) : run(kustomizeBinary(), ['version'])).then((r) =>
      r.stdout.trim(),
    );
    versionCache.set(tool, v);
  }
  return v;
}
