/** Errors of a write-back, with no credentials in their text (scrubbed before they are made). */

export class WriteBackError extends Error {
  constructor(
    message: string,
    /** Whether trying again later can help (network, a moving branch), or the input must change. */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WriteBackError';
  }
}

/** The branch kept moving: every attempt's push was rejected as not a fast-forward. */
export class PushConflictError extends WriteBackError {
  constructor(target: string, attempts: number) {
    super(
      `push to ${target} was rejected ${attempts} times because the branch moved meanwhile; giving up for now`,
      true,
    );
    this.name = 'PushConflictError';
  }
}

/** Commit signing was asked for but cannot be done (no gpg, a bad or protected key). */
export class SigningError extends WriteBackError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`cannot sign the commit: ${message}`, false, options);
    this.name = 'SigningError';
  }
}
