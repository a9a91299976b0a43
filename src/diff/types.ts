/** The public shapes of the diff module; the functions live beside them in this folder. */
import type { KubeObject } from '../kube/object.js';

/**
 * One Argo CD `ignoreDifferences` entry. `group` defaults to the core group ""; `group`
 * and `kind` accept `*` and `?` wildcards; `name` and `namespace`, when set, match exactly.
 */
export interface IgnoreDifferencesRule {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  /** RFC 6901 pointers such as `/spec/replicas`; removed from both sides. */
  jsonPointers?: string[];
  /** jq path expressions from the subset documented in README.md. */
  jqPathExpressions?: string[];
  /** Fields these managers own in the live object's managedFields are removed from both sides. */
  managedFieldsManagers?: string[];
}

export interface DiffOptions {
  ignoreDifferences?: IgnoreDifferencesRule[];
  /**
   * 'full' (default): compare the whole normalized objects; use it when desired is the
   * server-side-apply dry-run result. 'desired-subset': only fields set in desired count;
   * use it when desired is the raw manifest and live carries server defaults.
   */
  mode?: 'full' | 'desired-subset';
}

/**
 * One difference. `kind` reads as "what applying desired would do to live":
 * 'added' = in desired only, 'removed' = in live only, 'changed' = in both, different.
 * `path` is an RFC 6901 pointer into `DiffResult.desired` (added, changed) or
 * `DiffResult.live` (removed); "" is the whole object.
 */
export interface FieldChange {
  path: string;
  desired?: unknown;
  live?: unknown;
  kind: 'added' | 'removed' | 'changed';
}

/**
 * The outcome of one comparison. `desired` and `live` are the objects as compared:
 * normalized, ignore rules applied, Secret values masked; in 'desired-subset' mode
 * `live` is cut down to the fields desired sets. Absent when the input was absent.
 */
export interface DiffResult {
  equal: boolean;
  changes: FieldChange[];
  desired?: KubeObject;
  live?: KubeObject;
}
