/**
 * The dashboard: the files `npm run build:web` writes to web/dist, served at /. Paths
 * that are not files get index.html (the app routes in the browser). Hashed assets are
 * cached by browsers for a year; index.html never is, so a rebuild shows at once.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { projectRoot } from '../../util/paths.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};

const load = (file: string): Promise<Buffer | undefined> => readFile(file).catch(() => undefined);

export function defaultWebDir(): string {
  return join(projectRoot(), 'web', 'dist');
}

/** The file a path names inside `root`, or undefined (no extension, or outside `root`). */
export function assetPath(root: string, path: string): { file: string; relative: string } | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const file = join(root, relative);
  const inside = file.startsWith(root + sep) && !relative.split(/[/\\]/).includes('..');
  return inside && extname(file) ? { file, relative } : undefined;
}

function notBuilt(path: string, res: ServerResponse): boolean {
  if (path !== '/') return false;
  res
    .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
    .end('the dashboard is not built: run npm run build:web\n');
  return true;
}

/** The asset a path names, else index.html (the app routes in the browser). */
async function fileFor(
  root: string,
  path: string,
): Promise<{ body: Buffer; ext: string; immutable: boolean } | undefined> {
  const asset = assetPath(root, path);
  const content = asset && (await load(asset.file));
  if (asset && content)
    return { body: content, ext: extname(asset.file), immutable: asset.relative.startsWith('assets/') };
  const index = await load(join(root, 'index.html'));
  return index && { body: index, ext: '.html', immutable: false };
}

export async function serveDashboard(
  webDir: string | undefined,
  method: string,
  path: string,
  res: ServerResponse,
): Promise<boolean> {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const root = webDir ?? defaultWebDir();
  if (!existsSync(join(root, 'index.html'))) return notBuilt(path, res);
  const found = await fileFor(root, path);
  if (!found) return false;
  res.writeHead(200, {
    'Content-Type': types[found.ext] ?? 'application/octet-stream',
    'Cache-Control': found.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
  });
  const body = found.body;
  res.end(method === 'HEAD' ? undefined : body);
  return true;
}
