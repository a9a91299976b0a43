import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageChart, valuesFilePaths } from './chart-package.js';

function chartDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-chart-test-'));
  mkdirSync(join(dir, 'templates'));
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 1.0.0\n');
  writeFileSync(join(dir, 'values.yaml'), 'a: { x: 1, y: 1 }\nb: base\n');
  writeFileSync(join(dir, 'values-prod.yaml'), 'a: { y: 2 }\nc: prod\n');
  return dir;
}

describe('packageChart', () => {
  const root = mkdtempSync(join(tmpdir(), 'ferry-artifacts-'));

  it('publishes the folder itself when nothing changes', () => {
    const dir = chartDir();
    expect(packageChart(dir, root, {})).toBe(dir);
  });

  it('merges valuesFiles in order into values.yaml and sets the version', () => {
    const dir = chartDir();
    const out = packageChart(dir, root, {
      version: '1.0.0+abcdef123456',
      valuesFiles: valuesFilePaths(dir, ['values.yaml', 'values-prod.yaml']),
    });
    expect(out).not.toBe(dir);
    expect(parse(readFileSync(join(out, 'values.yaml'), 'utf8'))).toEqual({
      a: { x: 1, y: 2 },
      b: 'base',
      c: 'prod',
    });
    expect(parse(readFileSync(join(out, 'Chart.yaml'), 'utf8'))).toMatchObject({
      name: 'demo',
      version: '1.0.0+abcdef123456',
    });
    expect(
      packageChart(dir, root, {
        version: '1.0.0+abcdef123456',
        valuesFiles: valuesFilePaths(dir, ['values.yaml', 'values-prod.yaml']),
      }),
    ).toBe(out);
  });

  it('reports a missing values file unless told to ignore it', () => {
    const dir = chartDir();
    const files = valuesFilePaths(dir, ['values.yaml', 'values-nope.yaml']);
    expect(() => packageChart(dir, root, { valuesFiles: files })).toThrow(
      /no values file '.*values-nope.yaml' found/,
    );
    const out = packageChart(dir, root, { valuesFiles: files, ignoreMissingValuesFiles: true });
    expect(parse(readFileSync(join(out, 'values.yaml'), 'utf8'))).toEqual({ a: { x: 1, y: 1 }, b: 'base' });
  });

  it('refuses values files outside the source', () => {
    expect(() => valuesFilePaths('/tmp/chart', ['../etc/passwd'])).toThrow(/outside the source/);
  });
});
