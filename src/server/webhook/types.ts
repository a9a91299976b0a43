/** What a push delivery says, whichever Git server sent it. */

/** Gitea covers Gogs too: same payload, same signature scheme. */
export type WebhookProvider = 'github' | 'gitlab' | 'gitea' | 'bitbucket-server';

export interface PushEvent {
  provider: WebhookProvider;
  /**
   * Every URL of the repository the payload gives (web page, https and ssh clone URLs),
   * as written there. Matching normalizes them (see url.ts).
   */
  repoURLs: string[];
  /** The full ref that moved: `refs/heads/main`, `refs/tags/v1.2.0`. */
  ref: string;
  /** Set for a branch push: `main`, `feature/x`. */
  branch?: string;
  /** Set for a tag push: `v1.2.0`. */
  tag?: string;
  /** Commit before and after the push; all zeros when the ref was created or deleted. */
  before?: string;
  after?: string;
  /**
   * Repository paths added, modified or removed by the pushed commits. Empty means
   * unknown (no list in the payload, a truncated list, a created, deleted or
   * force-pushed ref): callers must then assume any file may have changed.
   */
  changedFiles: string[];
  /** The repository's default branch, when the payload says. */
  defaultBranch?: string;
}
