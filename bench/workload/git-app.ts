/**
 * The git-sourced app of the change-latency phase: the example chart committed to the
 * bed's git server under apps/change, whose values.yaml each change edits (one commit
 * per change), and the GitHub push delivery that announces such a commit.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { parse, stringify } from 'yaml';
import { chartDir } from './apps.js';

/** The repository on the bed's git server that holds the change-latency app. */
export const CHANGE_REPO = 'bench-change';
export const CHANGE_PATH = 'apps/change';
export const CHANGE_KEY = 'CHANGE_SEQ';

/** A work tree (under `parent`) holding the chart under apps/change; `write(seq)` sets the changed value. */
export function changeRepoFolder(parent: string): { dir: string; write(seq: number): void } {
  const dir = mkdtempSync(join(parent, 'git-'));
  const chart = join(dir, CHANGE_PATH);
  cpSync(chartDir(), chart, { recursive: true });
  const valuesFile = join(chart, 'values.yaml');
  const base = parse(readFileSync(valuesFile, 'utf8')) as { env?: Record<string, string> };
  return {
    dir,
    write: (seq) => {
      const values = { ...base, env: { ...base.env, [CHANGE_KEY]: String(seq) } };
      writeFileSync(valuesFile, stringify(values));
    },
  };
}

export interface PushDelivery {
  headers: Record<string, string>;
  body: string;
}

/** A signed GitHub `push` delivery for one commit that modified apps/change/values.yaml. */
export function githubPush(
  repo: { htmlUrl: string; cloneUrl: string },
  commit: { before: string; after: string },
  secret: string,
): PushDelivery {
  const body = JSON.stringify({
    ref: 'refs/heads/main',
    before: commit.before,
    after: commit.after,
    created: false,
    deleted: false,
    forced: false,
    repository: { html_url: repo.htmlUrl, clone_url: repo.cloneUrl, default_branch: 'main' },
    commits: [{ id: commit.after, added: [], removed: [], modified: [`${CHANGE_PATH}/values.yaml`] }],
    head_commit: { id: commit.after },
  });
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-GitHub-Event': 'push',
      'X-GitHub-Delivery': commit.after.slice(0, 12),
      'X-Hub-Signature-256': `sha256=${signature}`,
    },
  };
}
