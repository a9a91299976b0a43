/**
 * Bitbucket Server / Data Center `repo:refs_changed` payloads. They list no files and
 * do not name the default branch. Only the first change counts, as in Argo CD.
 * https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html
 */
import { record, records, refNames, requirePush, text, texts } from './fields.js';
import type { JSONRecord } from './fields.js';
import type { PushEvent } from './types.js';

export function fromBitbucketServerPush(payload: JSONRecord): PushEvent {
  const repository = record(payload.repository) ?? {};
  const links = record(repository.links) ?? {};
  const repoURLs = texts(records(links.clone).map((link) => link.href));
  const change = records(payload.changes)[0] ?? {};
  const ref = requirePush('bitbucket-server', text(record(change.ref)?.id) ?? text(change.refId), repoURLs);
  return {
    provider: 'bitbucket-server',
    repoURLs,
    ref,
    ...refNames(ref),
    before: text(change.fromHash),
    after: text(change.toHash),
    changedFiles: [],
  };
}
