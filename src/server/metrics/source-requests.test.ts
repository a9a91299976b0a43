import { describe, expect, it } from 'vitest';
import { observeSourceRequest } from '../../sources/requests.js';
import type { Cluster } from '../../kube/cluster.js';
import type { Logger } from '../../util/log.js';
import { FerryMetrics } from './collect.js';
import { parseExposition } from './exposition.js';

describe('source request metrics', () => {
  it('exposes the latency histogram and the error counter of reported source requests', async () => {
    const metrics = new FerryMetrics({ home: {} as Cluster, namespace: 'ferry', log: {} as Logger });
    await observeSourceRequest('git', 'fetch', () => Promise.resolve());
    await observeSourceRequest('git', 'fetch', () => Promise.resolve());
    await observeSourceRequest('helm', 'index', () => Promise.reject(new Error('unreachable'))).catch(
      () => {},
    );
    metrics.stop();
    await observeSourceRequest('helm', 'index', () => Promise.reject(new Error('after stop'))).catch(
      () => {},
    );
    const text = metrics.sourceRequestDuration.render() + metrics.sourceRequestErrors.render();
    expect(text).toContain('# TYPE ferry_source_request_duration_seconds histogram\n');
    expect(text).toContain('# TYPE ferry_source_request_errors_total counter\n');
    const samples = parseExposition(text);
    expect(samples).toContainEqual({
      name: 'ferry_source_request_duration_seconds_count',
      labels: { kind: 'git', operation: 'fetch', result: 'success' },
      value: 2,
    });
    expect(samples).toContainEqual({
      name: 'ferry_source_request_duration_seconds_count',
      labels: { kind: 'helm', operation: 'index', result: 'error' },
      value: 1,
    });
    expect(samples).toContainEqual({
      name: 'ferry_source_request_errors_total',
      labels: { kind: 'helm', operation: 'index' },
      value: 1,
    });
    expect(
      samples.some((s) => s.name === 'ferry_source_request_errors_total' && s.labels.kind === 'git'),
    ).toBe(false);
  });
});
