/**
 * The test bed described as JSON: what `ferry testbed up --json` prints and what
 * other programs read. The keys are documented in docs/testbed.md; keep them stable.
 */
import type { Testbed } from './testbed.js';

export interface TestbedEndpoints {
  version: 1;
  pid: number;
  dir: string;
  clusters: Record<string, { kubeconfig: string; server: string; version: string }>;
  git: { url: string; username?: string; password?: string; root: string };
  registry: { host: string; url: string; ociUrl: string; username?: string; password?: string };
  chartRepo: { url: string; dir: string };
  tools: Record<string, string>;
}

export function describeTestbed(bed: Testbed): TestbedEndpoints {
  return {
    version: 1,
    pid: process.pid,
    dir: bed.dir,
    clusters: Object.fromEntries(
      Object.entries(bed.clusters).map(([name, c]) => [
        name,
        { kubeconfig: c.kubeconfig, server: c.server, version: c.version },
      ]),
    ),
    git: { url: bed.git.url, username: bed.git.username, password: bed.git.password, root: bed.git.root },
    registry: {
      host: bed.registry.host,
      url: `http://${bed.registry.host}`,
      ociUrl: bed.registry.ociUrl,
      username: bed.registry.username,
      password: bed.registry.password,
    },
    chartRepo: { url: bed.chartRepo.url, dir: bed.chartRepo.dir },
    tools: bed.tools,
  };
}
