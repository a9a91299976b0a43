/**
 * A small raw-JSON client for one cluster's API server. We use @kubernetes/client-node
 * for kubeconfig handling (auth, TLS) and watches, but make plain requests ourselves:
 * the typed client turns timestamps into Date objects, and a GitOps engine must
 * compare exactly what the server sent. One keep-alive agent per cluster.
 */
import { Agent, request, type RequestOptions } from 'node:https';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiError, isConnectionError, ServerUnreachableError } from './errors.js';
import { TokenBucket, type RateLimit } from './rate-limit.js';

export interface RestRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
}

/** Counts requests by verb (and the cluster's server URL), for metrics and the benchmark. */
export type RequestCounter = (method: string, status: number, server: string) => void;

/** Per-cluster connection limits: open sockets, request rate, and how long one request may take. */
export interface ConnectionLimits {
  maxSockets?: number;
  rateLimit?: RateLimit;
  timeoutMs?: number;
}

export class RestClient {
  private readonly base: URL;
  private readonly bucket: TokenBucket | undefined;
  private readonly listeners: RequestCounter[] = [];
  private constructor(
    private readonly options: RequestOptions,
    base: string,
    private readonly onRequest: RequestCounter = () => undefined,
    private readonly limits: ConnectionLimits = {},
  ) {
    this.base = new URL(base);
    this.bucket = limits.rateLimit ? new TokenBucket(limits.rateLimit) : undefined;
  }

  static async fromKubeConfig(
    kc: KubeConfig,
    onRequest?: RequestCounter,
    limits: ConnectionLimits = {},
  ): Promise<RestClient> {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('kubeconfig has no current cluster');
    const opts: RequestOptions = { headers: {} };
    await kc.applyToHTTPSOptions(opts);
    const isHttps = cluster.server.startsWith('https:');
    const agentOptions = { keepAlive: true, maxSockets: limits.maxSockets ?? 32 };
    const agent = isHttps
      ? new Agent({
          ...agentOptions,
          ca: opts.ca,
          cert: opts.cert,
          key: opts.key,
          rejectUnauthorized: !cluster.skipTLSVerify,
        })
      : new HttpAgent(agentOptions);
    return new RestClient(
      { agent, headers: opts.headers, auth: opts.auth },
      cluster.server,
      onRequest,
      limits,
    );
  }

  get server(): string {
    return this.base.toString().replace(/\/$/, '');
  }

  /** Also tell `counter` of every request (metrics of a client made elsewhere). */
  addRequestListener(counter: RequestCounter): void {
    this.listeners.push(counter);
  }

  /** Sends a request; resolves with the parsed JSON body, rejects with ApiError on a non-2xx status. */
  async send<T>(req: RestRequest): Promise<T> {
    const { text } = await this.exchange(req);
    return (text ? safeJson(text) : undefined) as T;
  }

  /** Sends a request; resolves with the body as text (e.g. pods/log), rejects with ApiError on a non-2xx status. */
  async sendText(req: RestRequest): Promise<string> {
    return (await this.exchange(req)).text;
  }

  private async exchange(req: RestRequest): Promise<{ text: string }> {
    const url = new URL(req.path.replace(/^\//, ''), this.base.toString().replace(/\/?$/, '/'));
    for (const [k, v] of Object.entries(req.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const body =
      req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    await this.bucket?.take();
    const { status, text } = await this.raw(
      url,
      req.method,
      body,
      req.contentType ?? 'application/json',
    ).catch((err: unknown) => {
      throw isConnectionError(err) ? new ServerUnreachableError(this.server, err) : err;
    });
    this.onRequest(req.method, status, this.server);
    for (const l of this.listeners) l(req.method, status, this.server);
    if (status < 200 || status >= 300) {
      const parsed: unknown = text ? safeJson(text) : undefined;
      throw ApiError.fromResponse({ method: req.method, path: url.pathname, status, body: parsed, text });
    }
    return { text };
  }

  private raw(
    url: URL,
    method: string,
    body: string | undefined,
    contentType: string,
  ): Promise<{ status: number; text: string }> {
    const send = url.protocol === 'https:' ? request : httpRequest;
    const headers: Record<string, string | number> = {
      ...(this.options.headers as Record<string, string>),
      Accept: 'application/json',
    };
    if (body !== undefined) {
      headers['Content-Type'] = contentType;
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    return new Promise((resolve, reject) => {
      const timeout = this.limits.timeoutMs ?? 60_000;
      const r = send(url, { ...this.options, method, headers, timeout }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      r.on('timeout', () => r.destroy(new Error(`${method} ${url.pathname} timed out`)));
      r.on('error', reject);
      r.end(body);
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
