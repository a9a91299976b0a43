/** Running external programs (git, helm, kustomize, go) with errors people can read. */
import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string | Buffer;
  /** Kill the program after this many milliseconds (default: no limit). */
  timeoutMs?: number;
  /** Called with each chunk of stderr, e.g. to show build progress. */
  onStderr?: (chunk: string) => void;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** An external program exited non-zero; `stderr` holds what it said. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderr: string,
    readonly stdout: string,
  ) {
    const said = stderr.trim() || stdout.trim();
    super(`${command} failed (exit ${exitCode ?? 'signal'})${said ? `: ${said}` : ''}`);
    this.name = 'CommandError';
  }
}

/** Runs `file args` without a shell and resolves with its output, or rejects with CommandError. */
export function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    if (options.timeoutMs) timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => {
      err.push(c);
      options.onStderr?.(c.toString());
    });
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      reject(new CommandError(`${file} ${args.join(' ')}`, null, e.message, ''));
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      const result = { stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
      if (code === 0) resolve(result);
      else reject(new CommandError(`${file} ${args.join(' ')}`, code, result.stderr, result.stdout));
    });
    child.stdin.on('error', () => undefined); // the program may exit before reading its input
    child.stdin.end(options.input ?? '');
  });
}
