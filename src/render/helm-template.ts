/**
 * Renders a chart with the real `helm template`, told the destination's namespace,
 * Kubernetes version and API versions so Capabilities checks in charts are right.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { stringify } from 'yaml';
import { runHelm } from '../tools/binaries.js';
import { CommandError } from '../util/exec.js';
import type { KubeObject } from '../kube/object.js';
import { RenderError } from './errors.js';
import { helmValueArgs } from './helm-values.js';
import { parseManifests } from './manifests.js';

export interface HelmTemplateInput {
  chartDir: string;
  releaseName: string;
  namespace: string;
  valueFiles: string[];
  /** Argo CD's helm.values (a YAML string). */
  values?: string;
  /** Argo CD's helm.valuesObject; takes precedence over values. */
  valuesObject?: Record<string, unknown>;
  parameters?: Array<{ name: string; value: string; forceString?: boolean }>;
  kubeVersion?: string;
  apiVersions?: string[];
  skipCrds?: boolean;
}

export async function helmTemplate(input: HelmTemplateInput): Promise<KubeObject[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'ferry-values-'));
  try {
    const inline: string[] = [];
    if (input.values?.trim()) inline.push(writeTemp(tmp, 'values.yaml', input.values));
    if (input.valuesObject && Object.keys(input.valuesObject).length) {
      inline.push(writeTemp(tmp, 'values-object.yaml', stringify(input.valuesObject)));
    }
    const args = [
      'template',
      input.releaseName,
      input.chartDir,
      '--namespace',
      input.namespace,
      input.skipCrds ? '--skip-crds' : '--include-crds',
      ...(input.kubeVersion ? ['--kube-version', input.kubeVersion] : []),
      ...(input.apiVersions ?? []).flatMap((v) => ['--api-versions', v]),
      ...helmValueArgs({
        valueFiles: input.valueFiles,
        inlineValueFiles: inline,
        parameters: input.parameters ?? [],
      }),
    ];
    const { stdout } = await runHelm(args, { timeoutMs: 120_000 });
    return parseManifests(stdout, `helm template ${input.releaseName}`);
  } catch (err) {
    if (err instanceof CommandError) {
      throw new RenderError(
        `helm template failed: ${err.stderr.replace(/^Error: /m, '').trim() || err.message}`,
        { cause: err },
      );
    }
    throw err;
  } finally {
    // Asynchronous: a synchronous rmdir per render held the main thread (bench profile).
    await rm(tmp, { recursive: true, force: true });
  }
}

function writeTemp(dir: string, name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}
