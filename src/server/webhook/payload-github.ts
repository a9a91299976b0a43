/**
 * GitHub `push` payloads, and Gitea/Gogs ones, which copy GitHub's shape.
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads#push
 */
import {
  changedFilesOf,
  hasLongFileList,
  isZeroSha,
  record,
  records,
  refNames,
  requirePush,
  text,
  texts,
} from './fields.js';
import type { JSONRecord } from './fields.js';
import type { PushEvent } from './types.js';

/** GitHub lists at most this many commits in a push delivery; a full list may be cut short. */
const GITHUB_COMMIT_LIMIT = 2048;

export function fromGitHubPush(payload: JSONRecord, provider: 'github' | 'gitea'): PushEvent {
  const repo = record(payload.repository) ?? {};
  const repoURLs = texts([repo.html_url, repo.clone_url, repo.ssh_url, repo.git_url, repo.url]);
  const ref = requirePush(provider, text(payload.ref), repoURLs);
  const before = text(payload.before);
  const after = text(payload.after);
  const commits = records(payload.commits);
  const complete = !filesMayBeMissing(payload, commits, before, after);
  return {
    provider,
    repoURLs,
    ref,
    ...refNames(ref),
    before,
    after,
    changedFiles: complete ? changedFilesOf(commits) : [],
    defaultBranch: text(repo.default_branch) ?? text(repo.master_branch),
  };
}

/**
 * Whether the commits listed may not show every changed file: a created, deleted or
 * force-pushed ref (the diff is not the sum of the listed commits), or a list cut short.
 */
function filesMayBeMissing(
  payload: JSONRecord,
  commits: JSONRecord[],
  before: string | undefined,
  after: string | undefined,
): boolean {
  if (payload.created === true || payload.deleted === true || payload.forced === true) return true;
  if (isZeroSha(before) || isZeroSha(after)) return true;
  const total = payload.total_commits; // Gitea
  if (typeof total === 'number' && total > commits.length) return true;
  return commits.length >= GITHUB_COMMIT_LIMIT || hasLongFileList(commits);
}
