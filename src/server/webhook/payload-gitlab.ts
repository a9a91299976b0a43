/**
 * GitLab push and tag push payloads (project hooks and system hooks alike).
 * https://docs.gitlab.com/user/project/integrations/webhook_events/#push-events
 */
import { changedFilesOf, isZeroSha, record, records, refNames, requirePush, text, texts } from './fields.js';
import type { JSONRecord } from './fields.js';
import type { PushEvent } from './types.js';

const PUSH_KINDS = new Set(['push', 'tag_push']);

/** The push, or undefined when the payload is another kind of event (a system hook's). */
export function fromGitLabPush(payload: JSONRecord): PushEvent | undefined {
  const kind = text(payload.object_kind) ?? text(payload.event_name);
  if (!kind || !PUSH_KINDS.has(kind)) return undefined;
  const project = record(payload.project) ?? {};
  const repository = record(payload.repository) ?? {};
  const repoURLs = texts([
    project.web_url,
    project.git_http_url,
    project.git_ssh_url,
    project.http_url,
    project.ssh_url,
    repository.homepage,
    repository.git_http_url,
    repository.git_ssh_url,
    repository.url,
  ]);
  const ref = requirePush('gitlab', text(payload.ref), repoURLs);
  const before = text(payload.before);
  const after = text(payload.after);
  const commits = records(payload.commits);
  return {
    provider: 'gitlab',
    repoURLs,
    ref,
    ...refNames(ref),
    before,
    after,
    changedFiles: filesMayBeMissing(payload, commits, before, after) ? [] : changedFilesOf(commits),
    defaultBranch: text(project.default_branch),
  };
}

/** GitLab lists at most 20 commits and says how many there were in `total_commits_count`. */
function filesMayBeMissing(
  payload: JSONRecord,
  commits: JSONRecord[],
  before: string | undefined,
  after: string | undefined,
): boolean {
  if (isZeroSha(before) || isZeroSha(after)) return true;
  const total = payload.total_commits_count;
  return typeof total === 'number' && total > commits.length;
}
