/**
 * The Go template engine loaded into this process: the WebAssembly module built by
 * go-engine.ts, instantiated once (synchronously, so rendering stays a plain function
 * call) and kept. Go's wasm_exec.js defines `globalThis.Go` and, when missing, a
 * `globalThis.fs` stub that has no access to real files; the engine exports
 * `globalThis.__ferryGoTemplate`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { goTemplateEngineBuilt, goTemplateEnginePaths } from './go-engine.js';

export interface EngineRequest {
  template: string;
  data: unknown;
  options: string[];
  funcs: 'argocd' | 'sprig';
  name: string;
}

export interface EngineResponse {
  output: string;
  error?: string;
  phase?: 'parse' | 'execute' | 'request';
}

type Call = (requestJson: string) => string;

/** The parts of the WebAssembly API used here (not in the ES2023 lib Ferry compiles against). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => object;
}

interface GoRuntime {
  importObject: object;
  run(instance: object): Promise<void>;
}

/** The engine has not been built (run the test bed's ensureTools or `ferry templates build`). */
export class GoTemplateEngineMissingError extends Error {
  constructor(wasm: string) {
    super(
      `the Go template engine is not built (${wasm} is missing); build it with ensureGoTemplateEngine() ` +
        '(the test bed does this) or `ferry testbed build`; it needs a Go toolchain once',
    );
    this.name = 'GoTemplateEngineMissingError';
  }
}

let call: Call | undefined;

function load(): Call {
  const paths = goTemplateEnginePaths();
  if (!goTemplateEngineBuilt(paths)) throw new GoTemplateEngineMissingError(paths.wasm);
  const require = createRequire(import.meta.url);
  require(paths.wasmExec);
  const Go = (globalThis as unknown as { Go: new () => GoRuntime }).Go;
  const go = new Go();
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const instance = new wasm.Instance(new wasm.Module(readFileSync(paths.wasm)), go.importObject);
  // run() executes main() synchronously up to its `select {}`: the export exists after this line.
  void go.run(instance);
  const exported = (globalThis as unknown as { __ferryGoTemplate?: Call }).__ferryGoTemplate;
  if (typeof exported !== 'function') throw new Error('the Go template engine did not start');
  return exported;
}

/** Renders one request in the engine, loading it on first use. */
export function callEngine(request: EngineRequest): EngineResponse {
  call ??= load();
  return JSON.parse(call(JSON.stringify(request))) as EngineResponse;
}
