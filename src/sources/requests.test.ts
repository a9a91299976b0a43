import { describe, expect, it } from 'vitest';
import { observeSourceRequest, onSourceRequest, registryOperation, type SourceRequest } from './requests.js';

describe('source request observer', () => {
  it('reports successes, thrown errors and failed results to subscribers until they leave', async () => {
    const seen: SourceRequest[] = [];
    const off = onSourceRequest((r) => seen.push(r));
    await observeSourceRequest('git', 'fetch', () => Promise.resolve('ok'));
    await expect(
      observeSourceRequest('helm', 'index', () => Promise.reject(new Error('down'))),
    ).rejects.toThrow('down');
    await observeSourceRequest(
      'registry',
      'tags',
      () => Promise.resolve(500),
      (status) => status >= 500,
    );
    off();
    await observeSourceRequest('git', 'fetch', () => Promise.resolve('unseen'));
    expect(seen.map((r) => [r.kind, r.operation, r.result])).toEqual([
      ['git', 'fetch', 'success'],
      ['helm', 'index', 'error'],
      ['registry', 'tags', 'error'],
    ]);
    expect(seen.every((r) => r.durationMs >= 0)).toBe(true);
  });

  it('a failing subscriber does not fail the request', async () => {
    const off = onSourceRequest(() => {
      throw new Error('observer bug');
    });
    await expect(observeSourceRequest('oci', 'pull', () => Promise.resolve(1))).resolves.toBe(1);
    off();
  });

  it('names registry operations by URL', () => {
    expect(registryOperation('http://r:5000/v2/app/tags/list?n=100')).toBe('tags');
    expect(registryOperation('http://r:5000/v2/team/app/manifests/1.0')).toBe('manifest');
    expect(registryOperation('http://r:5000/v2/app/blobs/sha256:abc')).toBe('blob');
    expect(registryOperation('http://r:5000/v2/')).toBe('ping');
    expect(registryOperation('https://auth.example/token?scope=x')).toBe('token');
  });
});
