/**
 * A Helm chart repository over HTTP: a static server over a folder whose index.yaml
 * the real `helm repo index` writes. Charts are added with `helm package`.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';

export interface ChartRepoServer {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.yaml': 'application/x-yaml',
  '.tgz': 'application/gzip',
  '.prov': 'text/plain',
};

export async function startChartRepo(dir: string): Promise<ChartRepoServer> {
  mkdirSync(dir, { recursive: true });
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(dir, path);
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    const ext = file.slice(file.lastIndexOf('.'));
    res.writeHead(200, {
      'Content-Type': contentTypes[ext] ?? 'application/octet-stream',
      'Content-Length': size,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('chart repository did not bind');
  return {
    url: `http://127.0.0.1:${address.port}`,
    dir,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
