/** The one error type of the registry client: a reason callers can branch on, and a message for users. */
export type RegistryErrorReason = 'Unauthorized' | 'NotFound' | 'Unreachable' | 'RateLimited' | 'Protocol';

export class RegistryError extends Error {
  constructor(
    readonly reason: RegistryErrorReason,
    message: string,
    options?: { cause?: unknown; status?: number; transient?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RegistryError';
    this.status = options?.status;
    this.transient = options?.transient ?? false;
  }

  /** The HTTP status that caused it, when there was one. */
  readonly status: number | undefined;
  /** A network failure that another attempt may not meet (a refused or reset connection, a timeout). */
  readonly transient: boolean;
}
