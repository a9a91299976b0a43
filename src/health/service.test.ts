import { describe, expect, it } from 'vitest';
import { resourceHealth } from './index.js';
import { makeObject } from './testdata/load.js';

const lb = (ingress: unknown[]) => ({ loadBalancer: { ingress } });

describe('Service health', () => {
  it.each([
    ['ClusterIP', { type: 'ClusterIP' }, {}, 'Healthy'],
    ['no type (ClusterIP)', {}, {}, 'Healthy'],
    ['LoadBalancer with an address', { type: 'LoadBalancer' }, lb([{ ip: '203.0.113.10' }]), 'Healthy'],
    [
      'LoadBalancer with a hostname',
      { type: 'LoadBalancer' },
      lb([{ hostname: 'lb.example.com' }]),
      'Healthy',
    ],
    ['LoadBalancer without ingress', { type: 'LoadBalancer' }, lb([]), 'Progressing'],
    ['LoadBalancer without status', { type: 'LoadBalancer' }, {}, 'Progressing'],
  ])('%s is %s', (_name, spec, status, expected) => {
    expect(resourceHealth(makeObject('v1', 'Service', { spec, status }))?.status).toBe(expected);
  });
});
