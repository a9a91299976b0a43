/**
 * Errors of sealing and unsealing. Messages name keys, scopes and objects, never values:
 * they end up in conditions, Events and logs.
 */

/** Why one value could not be decrypted. */
export type UnsealFailure = 'invalid-base64' | 'too-short' | 'no-key';

const failureText: Record<UnsealFailure, string> = {
  'invalid-base64': 'is not valid base64',
  'too-short': 'is too short to be a sealed value (truncated?)',
  'no-key': 'no key could decrypt it',
};

/** A sealed value is malformed or no key decrypts it (tampered, wrong cluster, wrong scope). */
export class UnsealError extends Error {
  constructor(
    message: string,
    /** Failing Secret keys and why, in key order. */
    readonly failures: Array<{ key: string; failure: UnsealFailure }> = [],
  ) {
    super(message);
    this.name = 'UnsealError';
  }

  static forKeys(failures: Array<{ key: string; failure: UnsealFailure }>, hint: string): UnsealError {
    const parts = failures.map(({ key, failure }) => `${key}: ${failureText[failure]}`);
    return new UnsealError(`cannot unseal ${parts.join('; ')}${hint ? ` (${hint})` : ''}`, failures);
  }
}

/** A single ciphertext failed; `failure` says how. Internal to decryption, summarized by UnsealError. */
export class CiphertextError extends Error {
  constructor(readonly failure: UnsealFailure) {
    super(failureText[failure]);
    this.name = 'CiphertextError';
  }
}

/** The input to seal is not something kubeseal would seal (not a Secret, no name, no data…). */
export class SealInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealInputError';
  }
}

/** A certificate that cannot be used to seal: not PEM, not RSA, or expired. */
export class CertificateError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CertificateError';
  }
}
