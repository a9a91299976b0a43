/** The benchmark's pure parts: request attribution, percentiles, the Flux wrapper go.mod. */
import { describe, expect, it } from 'vitest';
import { apiFigure, parseRequestTotals } from '../../bench/kube/metrics.js';
import { median, percentile } from '../../bench/util/stats.js';
import { wrapperGoMod } from '../../bench/flux/build.js';

const metrics = (lines: Array<[string, number]>) =>
  lines.map(([labels, n]) => `apiserver_request_total{${labels}} ${n}`).join('\n');

describe('apiFigure', () => {
  const diff = parseRequestTotals(
    [
      '# HELP apiserver_request_total Counter',
      metrics([
        ['code="200",dry_run="",group="apps",resource="deployments",subresource="",verb="APPLY"', 10],
        ['code="201",dry_run="",group="apps",resource="deployments",subresource="",verb="APPLY"', 2],
        ['code="200",dry_run="All",group="",resource="configmaps",subresource="",verb="APPLY"', 7],
        ['code="201",dry_run="",group="",resource="configmaps",subresource="",verb="POST"', 5],
        ['code="201",dry_run="",group="",resource="serviceaccounts",subresource="",verb="POST"', 3],
        ['code="201",dry_run="",group="",resource="events",subresource="",verb="POST"', 9],
        ['code="201",dry_run="",group="",resource="pods",subresource="",verb="POST"', 3],
        ['code="201",dry_run="",group="apps",resource="replicasets",subresource="",verb="POST"', 3],
        ['code="200",dry_run="",group="apps",resource="deployments",subresource="status",verb="PUT"', 20],
        ['code="200",dry_run="",group="argoproj.io",resource="applications",subresource="",verb="WATCH"', 2],
      ]),
    ].join('\n'),
  );

  it('separates the bed, the per-namespace and per-rollout requests, and the harness', () => {
    const figure = apiFigure(diff, { WATCH: 1 }, { namespacesCreated: 3 });
    expect(figure.allClients).toMatchObject({ APPLY: 12, 'APPLY (dry run)': 7, POST: 23, PUT: 20, WATCH: 2 });
    // POST: configmaps 5−3, serviceaccounts 3−3, events 9−(3 pods + 3 replicasets); pods and RS are the bed's.
    expect(figure.attributed).toEqual({ APPLY: 12, 'APPLY (dry run)': 7, POST: 5, WATCH: 1 });
    expect(figure.writes).toBe(17);
    expect(figure.dryRuns).toBe(7);
    expect(figure.attributedTotal).toBe(25);
  });
});

describe('percentiles', () => {
  it.each([
    [[1], 50, 1],
    [[3, 1, 2], 50, 2],
    [[1, 2, 3, 4], 50, 2],
    [Array.from({ length: 20 }, (_, i) => i + 1), 95, 19],
    [[], 50, Number.NaN],
  ])('percentile(%j, %d) = %d', (values, p, expected) => {
    expect(percentile(values, p)).toEqual(expected);
  });
  it('median is the 50th percentile', () => expect(median([5, 1, 9])).toBe(5));
});

describe('wrapperGoMod', () => {
  it('renames the module, drops relative replaces, keeps the others, requires the controller', () => {
    const upstream = [
      'module github.com/fluxcd/helm-controller',
      '',
      'go 1.26.0',
      'replace github.com/fluxcd/helm-controller/api => ./api',
      'replace github.com/opencontainers/go-digest => github.com/opencontainers/go-digest v1.0.1-x',
      'require helm.sh/helm/v4 v4.2.1',
    ].join('\n');
    const mod = wrapperGoMod(upstream, 'helm-controller');
    expect(mod).toContain('module ferrybench/helm-controller');
    expect(mod).not.toContain('./api');
    expect(mod).toContain('replace github.com/opencontainers/go-digest =>');
    expect(mod).toContain('require github.com/fluxcd/helm-controller v1.6.4');
  });
});
