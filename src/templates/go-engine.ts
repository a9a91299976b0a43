/**
 * Building the Go template engine: the small Go program in testbed/gotemplate (Go
 * text/template + Sprig at Argo CD's versions) compiled with GOOS=js GOARCH=wasm into
 * the tools cache, next to a copy of Go's own wasm_exec.js. The cache folder is keyed
 * by the program's sources, so an edit rebuilds it; running it needs no Go toolchain.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../util/exec.js';
import { cacheDir, projectRoot } from '../util/paths.js';

export interface GoTemplateEnginePaths {
  /** The Go module (main.go, go.mod, go.sum). */
  source: string;
  dir: string;
  wasm: string;
  /** Go's wasm_exec.js, as CommonJS so it loads synchronously. */
  wasmExec: string;
}

const sourceFiles = ['main.go', 'go.mod', 'go.sum'];

/** Where the engine is (or will be) built; the folder name carries a digest of its sources. */
export function goTemplateEnginePaths(): GoTemplateEnginePaths {
  const source = join(projectRoot(), 'testbed', 'gotemplate');
  const hash = createHash('sha256');
  for (const f of sourceFiles) {
    const file = join(source, f);
    hash.update(existsSync(file) ? readFileSync(file) : `missing ${f}`);
  }
  const dir = join(cacheDir(), 'tools', `gotemplate-${hash.digest('hex').slice(0, 12)}`);
  return { source, dir, wasm: join(dir, 'gotemplate.wasm'), wasmExec: join(dir, 'wasm_exec.cjs') };
}

export function goTemplateEngineBuilt(paths = goTemplateEnginePaths()): boolean {
  return existsSync(paths.wasm) && existsSync(paths.wasmExec);
}

/** Builds the engine unless it is in the cache already (a cold build takes ~15 s). */
export async function ensureGoTemplateEngine(
  progress: (message: string) => void = () => undefined,
): Promise<GoTemplateEnginePaths> {
  const paths = goTemplateEnginePaths();
  if (goTemplateEngineBuilt(paths)) return paths;
  progress('building the Go template engine (text/template + Sprig) for WebAssembly');
  const tmp = `${paths.dir}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const env = {
      ...process.env,
      GOOS: 'js',
      GOARCH: 'wasm',
      CGO_ENABLED: '0',
      GOFLAGS: process.env.GOFLAGS ?? '-buildvcs=false',
    };
    await run('go', ['build', '-trimpath', '-ldflags', '-s -w', '-o', join(tmp, 'gotemplate.wasm'), '.'], {
      cwd: paths.source,
      env,
    });
    copyFileSync(await wasmExecSource(), join(tmp, 'wasm_exec.cjs'));
    rmSync(paths.dir, { recursive: true, force: true });
    renameSync(tmp, paths.dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return paths;
}

/** Go ships wasm_exec.js in lib/wasm since 1.24, in misc/wasm before. */
async function wasmExecSource(): Promise<string> {
  const { stdout } = await run('go', ['env', 'GOROOT']);
  const root = stdout.trim();
  const found = ['lib/wasm/wasm_exec.js', 'misc/wasm/wasm_exec.js']
    .map((p) => join(root, p))
    .find(existsSync);
  if (!found) throw new Error(`wasm_exec.js not found under ${root} (lib/wasm or misc/wasm)`);
  return found;
}
