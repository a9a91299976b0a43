/**
 * The benchmark's quick variant as a smoke test: it must run to the end against a real
 * test bed and write its report. It asserts no figure (targets are met in the report,
 * never in timed tests).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, expect, it } from 'vitest';
import { projectRoot } from '../../src/util/paths.js';
import { run } from '../../src/util/exec.js';

const out = mkdtempSync(join(tmpdir(), 'ferry-bench-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('runs the quick benchmark to the end and writes a report', { timeout: 600_000 }, async () => {
  const bench = join(projectRoot(), 'dist', 'bench', 'run.js');
  const args = [bench, '--n', '5', '--quick', '--no-peers', '--changes', '2', '--out', out];
  await run(process.execPath, args, { timeoutMs: 590_000 }); // rejects on a non-zero exit
  expect(existsSync(join(out, 'REPORT.md'))).toBe(true);
  expect(readdirSync(out).some((f) => /^results-.*\.json$/.test(f))).toBe(true);
});
