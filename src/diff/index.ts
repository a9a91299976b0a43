/**
 * Ferry's diff module: pure comparison of desired (Git, ideally the server-side-apply
 * dry-run result) against live (the cluster), with Argo CD's ignoreDifferences and
 * Secret masking. Plain objects in, plain results out; no I/O. See README.md.
 */
export type { DiffOptions, DiffResult, FieldChange, IgnoreDifferencesRule } from './types.js';
export { InvalidIgnoreRuleError } from './errors.js';
export { normalize } from './normalize.js';
export { diffObject, validateIgnoreRules } from './diff.js';
export { redactSecrets } from './redact.js';
export { renderDiff } from './render.js';
