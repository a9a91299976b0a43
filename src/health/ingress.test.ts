import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { makeObject } from './testdata/load.js';

const lb = (ingress: unknown[]) => ({ loadBalancer: { ingress } });

describe('Ingress health', () => {
  it.each([
    ['networking.k8s.io/v1', lb([{ ip: '203.0.113.10' }]), 'Healthy'],
    ['networking.k8s.io/v1', lb([]), 'Progressing'],
    ['extensions/v1beta1', {}, 'Progressing'],
    ['extensions/v1beta1', lb([{ hostname: 'a.example.com' }]), 'Healthy'],
  ])('%s with status %j is %s', (apiVersion, status, expected) => {
    expect(resourceHealth(makeObject(apiVersion, 'Ingress', { status }))?.status).toBe(expected);
  });
});
