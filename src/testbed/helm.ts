/**
 * The real helm binary with its config, cache and registry logins kept inside the
 * test bed's folder, so a bed never reads or changes the user's own Helm setup.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run, type RunResult } from '../util/exec.js';
import { toolPath } from './tools.js';

export interface HelmHome {
  env: NodeJS.ProcessEnv;
  run(args: string[], options?: { cwd?: string; input?: string }): Promise<RunResult>;
}

export function helmHome(dir: string, kubeconfig?: string): HelmHome {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HELM_CONFIG_HOME: join(dir, 'config'),
    HELM_CACHE_HOME: join(dir, 'cache'),
    HELM_DATA_HOME: join(dir, 'data'),
    HELM_REGISTRY_CONFIG: join(dir, 'config', 'registry.json'),
    HELM_REPOSITORY_CONFIG: join(dir, 'config', 'repositories.yaml'),
  };
  if (kubeconfig) env.KUBECONFIG = kubeconfig;
  mkdirSync(join(dir, 'config'), { recursive: true });
  return { env, run: (args, options = {}) => run(toolPath('helm'), args, { env, ...options }) };
}

export interface PackagedChart {
  file: string;
  name: string;
  version: string;
}

/** `helm package` a chart folder (optionally overriding its version) into `outDir`. */
export async function packageChart(
  helm: HelmHome,
  chartDir: string,
  outDir: string,
  version?: string,
): Promise<PackagedChart> {
  const tmp = mkdtempSync(join(outDir, '.package-'));
  try {
    const args = ['package', chartDir, '--destination', tmp, ...(version ? ['--version', version] : [])];
    await helm.run(args);
    const [file] = readdirSync(tmp);
    if (!file) throw new Error(`helm package wrote nothing for ${chartDir}`);
    const match = /^(.*)-(\d+\.\d+\.\d+.*)\.tgz$/.exec(file);
    if (!match) throw new Error(`unexpected chart package name ${file}`);
    const target = join(outDir, file);
    rmSync(target, { force: true });
    await run('mv', [join(tmp, file), target]);
    return { file: target, name: match[1]!, version: match[2]! };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
