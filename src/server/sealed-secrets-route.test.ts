import { describe, expect, it } from 'vitest';
import { SealInputError, UnsealError } from '../secrets/errors.js';
import { RateLimiter, routeSealedSecrets, type SealedSecretsService } from './sealed-secrets-route.js';

const service: SealedSecretsService = {
  certificatePem: () => '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n',
  verify: (content) => {
    if (content === 'bad') throw new SealInputError('the input is not a Kubernetes object');
    return content === 'ok';
  },
  rotate: (content) => {
    if (content === 'foreign') throw new UnsealError('cannot unseal a: no key could decrypt it');
    return {
      kind: 'SealedSecret',
      apiVersion: 'bitnami.com/v1alpha1',
      metadata: { name: 'x' },
      spec: { encryptedData: {} },
    };
  },
};
const deps = () => ({ sealedSecrets: service, limiter: new RateLimiter(1000, 1000) });
const call = (method: string, path: string, body = '') =>
  routeSealedSecrets(deps(), method, path, Buffer.from(body));

describe('sealed-secrets HTTP routes', () => {
  it('serves the certificate as application/x-pem-file', () => {
    expect(call('GET', '/v1/cert.pem')).toEqual({
      status: 200,
      body: service.certificatePem(),
      contentType: 'application/x-pem-file',
    });
  });

  it('verify: 200 when it decrypts, 409 when not, 400 for bad input', () => {
    expect(call('POST', '/v1/verify', 'ok')?.status).toBe(200);
    expect(call('POST', '/v1/verify', 'nope')?.status).toBe(409);
    expect(call('POST', '/v1/verify', 'bad')).toMatchObject({
      status: 400,
      body: 'the input is not a Kubernetes object\n',
    });
  });

  it('rotate: the SealedSecret as JSON, 409 when it cannot decrypt', () => {
    expect(JSON.parse(call('POST', '/v1/rotate', 'x')!.body)).toMatchObject({ kind: 'SealedSecret' });
    expect(call('POST', '/v1/rotate', 'foreign')?.status).toBe(409);
  });

  it('answers only its paths, with the right methods', () => {
    expect(call('GET', '/v1/other')).toBeUndefined();
    expect(call('GET', '/v1/verify')?.status).toBe(405);
  });

  it('rate-limits verify and rotate, as upstream (2 per second, burst 2)', () => {
    const limited = { sealedSecrets: service, limiter: new RateLimiter() };
    const statuses = [1, 2, 3].map(
      () => routeSealedSecrets(limited, 'POST', '/v1/verify', Buffer.from('ok'))?.status,
    );
    expect(statuses).toEqual([200, 200, 429]);
    expect(routeSealedSecrets(limited, 'GET', '/v1/cert.pem', Buffer.alloc(0))?.status).toBe(200);
  });
});
