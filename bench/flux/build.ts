/**
 * Flux's helm-controller and source-controller built from the Go module proxy, the way
 * the test bed builds kube-apiserver: a small wrapper module whose go.mod is the
 * controller's own (its relative `=> ./api` replace dropped: the api module comes from
 * the proxy at the version the controller requires), then `go build` of its main
 * package. Built once into the cache. Versions are the newest whose every requirement
 * the proxy serves (see bench/README.md).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/util/exec.js';
import { cacheDir } from '../../src/util/paths.js';

export const fluxVersions = {
  'helm-controller': 'v1.6.4',
  'source-controller': 'v1.9.3',
} as const;

export type FluxController = keyof typeof fluxVersions;

export interface FluxBinary {
  name: FluxController;
  version: string;
  binary: string;
  /** The module's source folder (CRDs are under config/crd/bases). */
  moduleDir: string;
}

function buildDir(name: FluxController): string {
  return join(cacheDir(), 'bench', 'flux-build', `${name}-${fluxVersions[name]}`);
}

async function download(module: string): Promise<{ GoMod: string; Dir: string }> {
  const { stdout } = await run('go', ['mod', 'download', '-json', module]);
  return JSON.parse(stdout) as { GoMod: string; Dir: string };
}

/** The controller's go.mod as a wrapper module's: renamed, relative replaces dropped, itself required. */
export function wrapperGoMod(upstream: string, name: FluxController): string {
  const lines = upstream
    .split('\n')
    .filter((l) => !/=>\s*\.\.?\//.test(l))
    .map((l) => (l.startsWith('module ') ? `module ferrybench/${name}` : l));
  return `${lines.join('\n')}\nrequire github.com/fluxcd/${name} ${fluxVersions[name]}\n`;
}

/** Whether both controllers are already in the cache (quick runs never build them). */
export function fluxBuilt(): boolean {
  return (Object.keys(fluxVersions) as FluxController[]).every((name) =>
    existsSync(join(buildDir(name), name)),
  );
}

/** Builds (or finds) one controller; throws with go's own words when it cannot be built. */
export async function ensureFluxController(
  name: FluxController,
  progress: (m: string) => void,
): Promise<FluxBinary> {
  const version = fluxVersions[name];
  const dir = buildDir(name);
  const binary = join(dir, name);
  const module = await download(`github.com/fluxcd/${name}@${version}`);
  if (!existsSync(binary)) {
    progress(`building Flux ${name} ${version} from the Go module proxy (once; several minutes)`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'go.mod'), wrapperGoMod(readFileSync(module.GoMod, 'utf8'), name));
    await run('go', ['build', '-mod=mod', '-o', binary, `github.com/fluxcd/${name}`], { cwd: dir });
  }
  return { name, version, binary, moduleDir: module.Dir };
}
