/**
 * Health assessment for Kubernetes objects, after Argo CD's gitops-engine `pkg/health`
 * and Argo CD's built-in Lua checks. Pure: plain objects in, plain results out.
 * See README.md for the per-kind rules and the custom-check expression language.
 */
export { resourceHealth } from './resource.js';
export { aggregateHealth, isWorse } from './order.js';
export { validateCustomChecks } from './custom.js';
export { ExpressionSyntaxError, ExpressionEvaluationError } from './expr/errors.js';
export type {
  CustomHealthCheck,
  CustomHealthRule,
  HealthOptions,
  HealthResult,
  HealthStatus,
} from './types.js';
