/**
 * The CLI's client for a Ferry server's HTTP API (docs/api.md): the same endpoints the
 * dashboard uses, with a bearer token. Every failure becomes an Error whose message says
 * what to do: unreachable server, refused token (401), not allowed (403), not found (404).
 */

export interface ServerOptions {
  server?: string;
  token?: string;
}

export class ApiClient {
  readonly base: string;

  constructor(
    server: string,
    private readonly token: string,
  ) {
    this.base = server.replace(/\/+$/, '');
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.base}${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (err) {
      throw new Error(`cannot reach the Ferry server at ${this.base}: ${causeOf(err)}`);
    }
    const text = await res.text();
    const parsed = parseJson(text);
    if (res.ok) return parsed as T;
    const said = (parsed as { error?: string } | undefined)?.error ?? text.trim().slice(0, 200);
    throw new Error(errorMessage(res.status, `${method} ${path}`, said));
  }
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The user-facing message for an error answer: what the server said, and what to do about it. */
export function errorMessage(status: number, request: string, said: string): string {
  switch (status) {
    case 401:
      return `the server refused the token (401): ${said}; pass a valid --token or set FERRY_TOKEN (ferry token create)`;
    case 403:
      return `not allowed (403): ${said}`;
    case 404:
      return `not found (404): ${said}`;
    default:
      return `the server answered ${status} to ${request}: ${said}`;
  }
}

/** The client for `--server`/`--token` (or FERRY_SERVER/FERRY_TOKEN), or undefined to use the kube API. */
export function remoteClient(
  opts: ServerOptions,
  env: NodeJS.ProcessEnv = process.env,
): ApiClient | undefined {
  const server = opts.server ?? env.FERRY_SERVER;
  if (!server) return undefined;
  if (!/^https?:\/\//.test(server))
    throw new Error(`--server must be an http:// or https:// URL, not "${server}"`);
  const token = opts.token ?? env.FERRY_TOKEN;
  if (!token)
    throw new Error(`a token is needed for ${server}: pass --token or set FERRY_TOKEN (ferry token create)`);
  return new ApiClient(server, token);
}

export const appPath = (name: string, suffix = ''): string =>
  `/api/v1/applications/${encodeURIComponent(name)}${suffix}`;
