import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parse } from 'yaml';
import { startTestbed, type Testbed } from '../../src/testbed/testbed.js';
import { projectRoot } from '../../src/util/paths.js';
import { helmHome } from '../../src/testbed/helm.js';

let bed: Testbed;
const chartDir = join(projectRoot(), 'examples', 'charts', 'my-app');

beforeAll(async () => {
  bed = await startTestbed({ clusters: [] });
});
afterAll(async () => {
  await bed?.stop();
});

describe('the test bed registry and chart repository', () => {
  it('takes a chart with helm push and gives it back with helm pull', async () => {
    await bed.publishChart(chartDir, { version: '1.2.0' });
    const out = mkdtempSync(join(tmpdir(), 'ferry-pull-'));
    await bed.helm.run([
      'pull',
      `${bed.registry.ociUrl}/charts/my-app`,
      '--version',
      '1.2.0',
      '--plain-http',
      '-d',
      out,
    ]);
    expect(readdirSync(out)).toEqual(['my-app-1.2.0.tgz']);
  });

  it('refuses a pull from the registry without credentials', async () => {
    const anonymous = helmHome(mkdtempSync(join(tmpdir(), 'ferry-helm-anon-')));
    const out = mkdtempSync(join(tmpdir(), 'ferry-pull-anon-'));
    const attempt = anonymous.run([
      'pull',
      `${bed.registry.ociUrl}/charts/my-app`,
      '--version',
      '1.2.0',
      '--plain-http',
      '-d',
      out,
    ]);
    await expect(attempt).rejects.toThrow(
      /unauthorized|401|authentication required|basic credential not found/i,
    );
  });

  it('serves an index the real helm reads, and renders a chart from it', async () => {
    await bed.publishChart(chartDir, { version: '1.3.0', oci: false });
    const index = parse(await (await fetch(`${bed.chartRepo.url}/index.yaml`)).text()) as {
      entries: Record<string, Array<{ version: string }>>;
    };
    expect(index.entries['my-app']!.map((e) => e.version).sort()).toEqual(['1.2.0', '1.3.0']);
    const { stdout } = await bed.helm.run([
      'template',
      'shop',
      'my-app',
      '--repo',
      bed.chartRepo.url,
      '--version',
      '1.2.0',
      '--namespace',
      'shop',
      '--values',
      join(chartDir, 'values-prod.yaml'),
    ]);
    const kinds = stdout
      .split(/^---$/m)
      .map((d) => parse(d) as { kind?: string; spec?: { replicas?: number } } | null)
      .filter(Boolean);
    expect(kinds.map((d) => d!.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'Service',
      'ServiceAccount',
    ]);
    expect(kinds.find((d) => d!.kind === 'Deployment')!.spec!.replicas).toBe(3);
  });
});
