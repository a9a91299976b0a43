import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/object.js';
import { summaryImages } from './summary-images.js';

const obj = (kind: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name: 'x' },
  spec,
});

describe('status.summary.images', () => {
  it("lists the images of pod templates, Pods and CronJobs' jobs, sorted and once each", () => {
    expect(
      summaryImages([
        obj('Deployment', {
          template: { spec: { containers: [{ image: 'b:1' }], initContainers: [{ image: 'a:1' }] } },
        }),
        obj('Pod', { containers: [{ image: 'b:1' }] }),
        obj('CronJob', { jobTemplate: { spec: { template: { spec: { containers: [{ image: 'c:2' }] } } } } }),
        obj('ConfigMap', {}),
        undefined,
      ]),
    ).toEqual(['a:1', 'b:1', 'c:2']);
  });
});
