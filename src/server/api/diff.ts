/** The diff of an Application for the API: `ferry app diff`'s text, split per resource. */
import type { Application } from '../../api/argo/index.js';
import type { Cluster } from '../../kube/cluster.js';
import { diffApplication } from '../../cli/app-diff.js';

export interface ResourceDiff {
  /** `group/Kind namespace/name`. */
  resource: string;
  /** Unified diff, live (−) against desired (+); Secret values redacted. */
  diff: string;
}

/** Splits the CLI's text (`===== group/Kind ns/name ======` headers) into one entry per resource. */
export function splitDiff(text: string): ResourceDiff[] {
  const out: ResourceDiff[] = [];
  for (const line of text.split('\n')) {
    const header = /^===== (.*) ======$/.exec(line);
    if (header) out.push({ resource: header[1] ?? '', diff: '' });
    else if (out.length) out[out.length - 1]!.diff += `${line}\n`;
  }
  return out.map((d) => ({ ...d, diff: d.diff.replace(/\n+$/, '\n') }));
}

export async function appDiff(
  home: Cluster,
  namespace: string,
  app: Application,
  hard: boolean,
): Promise<{ resources: ResourceDiff[] }> {
  return { resources: splitDiff(await diffApplication(home, namespace, app, hard)) };
}
