/** A non-2xx answer from the API server, as ApiError.fromResponse takes it. */
export interface FailedResponse {
  method: string;
  path: string;
  status: number;
  /** The parsed JSON body (a Status object, usually), or undefined when it was not JSON. */
  body: unknown;
  /** The raw body text. */
  text: string;
}

/** Errors from the Kubernetes API, carrying the HTTP status and the server's own message. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly reason?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static fromResponse(response: FailedResponse): ApiError {
    const { method, path, status, body, text } = response;
    const s = (body ?? {}) as { message?: string; reason?: string; details?: unknown };
    const what = s.message ?? (text.trim().slice(0, 300) || `HTTP ${status}`);
    return new ApiError(`${what} (${method} ${path}: ${status})`, status, s.reason, s.details);
  }

  get notFound(): boolean {
    return this.status === 404;
  }

  get conflict(): boolean {
    return this.status === 409;
  }
}

export function isNotFound(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404;
}

/**
 * The API server gave no answer at all (refused, reset, DNS, timeout): RestClient wraps
 * such failures in this, so callers can tell an unreachable cluster apart from an
 * unreachable Git or Helm repository. `code` and `message` are the underlying error's.
 */
export class ServerUnreachableError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly server: string,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'ServerUnreachableError';
    this.code = (cause as { code?: string } | undefined)?.code;
  }
}

/** A connection problem (refused, reset, DNS, timeout) rather than an answer from the server. */
export function isConnectionError(err: unknown): boolean {
  if (err instanceof ApiError) return false;
  const code = (err as { code?: string } | undefined)?.code;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE'].includes(code ?? '') ||
    /timed out|socket hang up/.test(String((err as Error | undefined)?.message))
  );
}
