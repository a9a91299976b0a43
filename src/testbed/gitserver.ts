/**
 * A git server over HTTP with the smart protocol: the real `git http-backend` CGI
 * behind a small Node server, with optional basic auth, so clone, fetch and push go
 * over the network as they do with GitHub.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { timingSafeEqual } from 'node:crypto';
import { run } from '../util/exec.js';
import { parseCgiResponse } from './cgi.js';

export interface GitServerOptions {
  root: string;
  username?: string;
  password?: string;
}

export interface GitServer {
  /** Base URL; a repository NAME is at `${url}/NAME.git`. */
  url: string;
  root: string;
  username?: string;
  password?: string;
  /** The clone URL of a repository, with credentials embedded when the server has them. */
  cloneUrl(name: string, withCredentials?: boolean): string;
  /** Creates the repository if needed and pushes the folder's content as one commit on `branch`. */
  pushFolder(name: string, folder: string, options?: PushOptions): Promise<string>;
  stop(): Promise<void>;
}

export interface PushOptions {
  branch?: string;
  message?: string;
  tag?: string;
}

const gitIdentity = {
  GIT_AUTHOR_NAME: 'Ferry Test Bed',
  GIT_AUTHOR_EMAIL: 'testbed@ferry.invalid',
  GIT_COMMITTER_NAME: 'Ferry Test Bed',
  GIT_COMMITTER_EMAIL: 'testbed@ferry.invalid',
};

export async function startGitServer(options: GitServerOptions): Promise<GitServer> {
  mkdirSync(options.root, { recursive: true });
  const server = createServer((req, res) => handle(options, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('git server did not bind');
  const url = `http://127.0.0.1:${address.port}`;
  const cloneUrl = (name: string, withCredentials = true): string => {
    if (!withCredentials || !options.username) return `${url}/${name}.git`;
    const auth = `${encodeURIComponent(options.username)}:${encodeURIComponent(options.password ?? '')}`;
    return `http://${auth}@127.0.0.1:${address.port}/${name}.git`;
  };
  return {
    url,
    root: options.root,
    username: options.username,
    password: options.password,
    cloneUrl,
    pushFolder: (name, folder, push) => pushFolderTo(options.root, cloneUrl(name), { name, folder, ...push }),
    stop: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function authorized(options: GitServerOptions, req: IncomingMessage): boolean {
  if (!options.username) return true;
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const given = Buffer.from(header.slice(6), 'base64');
  const expected = Buffer.from(`${options.username}:${options.password ?? ''}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function handle(options: GitServerOptions, req: IncomingMessage, res: ServerResponse): void {
  if (!authorized(options, req)) {
    res
      .writeHead(401, { 'WWW-Authenticate': 'Basic realm="ferry-testbed-git"' })
      .end('authentication required\n');
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: options.root,
    GIT_HTTP_EXPORT_ALL: '1',
    // Pushes need a user; the server already checked the credentials when there are any.
    REMOTE_USER: options.username ?? 'anonymous',
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    REQUEST_METHOD: req.method ?? 'GET',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    GATEWAY_INTERFACE: 'CGI/1.1',
  };
  if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') env[`HTTP_${key.toUpperCase().replace(/-/g, '_')}`] = value;
  }
  const cgi = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  req.pipe(cgi.stdin);
  const chunks: Buffer[] = [];
  cgi.stdout.on('data', (c: Buffer) => chunks.push(c));
  cgi.stderr.on('data', () => undefined);
  cgi.on('close', () => {
    const { status, headers, body } = parseCgiResponse(Buffer.concat(chunks));
    res.writeHead(status, headers).end(body);
  });
}

/**
 * Pushes a folder to a repository of a git server whose repositories live in `root`
 * on this machine (the bare repository is created there first when missing).
 */
export async function pushFolderTo(
  root: string,
  remote: string,
  push: PushOptions & { name: string; folder: string },
): Promise<string> {
  const bare = join(root, `${push.name}.git`);
  if (!existsSync(bare)) {
    await run('git', ['init', '--bare', '--initial-branch', push.branch ?? 'main', bare]);
    await run('git', ['config', 'http.receivepack', 'true'], { cwd: bare });
  }
  const work = mkdtempSync(join(tmpdir(), 'ferry-push-'));
  const env = { ...process.env, ...gitIdentity };
  const branch = push.branch ?? 'main';
  try {
    await run('git', ['clone', '--quiet', remote, work], { env });
    await run('git', ['checkout', '-B', branch], { cwd: work, env });
    // Replace the tree with the folder's content, so deletions are pushed too.
    await run('git', ['rm', '-r', '-q', '--ignore-unmatch', '.'], { cwd: work, env });
    cpSync(push.folder, work, { recursive: true });
    await run('git', ['add', '-A'], { cwd: work, env });
    await run('git', ['commit', '-q', '--allow-empty', '-m', push.message ?? `update ${push.name}`], {
      cwd: work,
      env,
    });
    if (push.tag) await run('git', ['tag', '-f', push.tag], { cwd: work, env });
    await run(
      'git',
      [
        'push',
        '-q',
        '--force',
        'origin',
        `HEAD:refs/heads/${branch}`,
        ...(push.tag ? [`refs/tags/${push.tag}`] : []),
      ],
      {
        cwd: work,
        env,
      },
    );
    const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd: work });
    return stdout.trim();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
