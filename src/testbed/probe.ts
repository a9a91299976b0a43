/** HTTP(S) GETs used to tell when a component is ready. */
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';

export interface ProbeOptions {
  ca?: string | Buffer;
  token?: string;
  timeoutMs?: number;
}

/** Resolves with the status code and body of a GET, or rejects on a connection error. */
export function httpGet(url: string, options: ProbeOptions = {}): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      u,
      {
        method: 'GET',
        ca: options.ca,
        headers: options.token ? { Authorization: `Bearer ${options.token}` } : {},
        timeout: options.timeoutMs ?? 3000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

export async function isOk(url: string, options: ProbeOptions = {}): Promise<boolean> {
  const { status } = await httpGet(url, options);
  return status === 200;
}
