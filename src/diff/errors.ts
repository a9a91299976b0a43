import type { IgnoreDifferencesRule } from './types.js';

/**
 * An ignoreDifferences rule that cannot be used: a JSON pointer that is not RFC 6901, or
 * a jq path outside the supported subset (see README.md). Terminal: retrying will not
 * help; show `message` to the user and point them at `expression`.
 */
export class InvalidIgnoreRuleError extends Error {
  override readonly name = 'InvalidIgnoreRuleError';
  readonly rule: IgnoreDifferencesRule;
  readonly expression: string;

  constructor(rule: IgnoreDifferencesRule, expression: string, reason: string, options?: ErrorOptions) {
    const target = `${rule.group ?? ''}/${rule.kind}${rule.name ? `/${rule.name}` : ''}`;
    super(
      `invalid ignoreDifferences expression ${JSON.stringify(expression)} for ${target}: ${reason}`,
      options,
    );
    this.rule = rule;
    this.expression = expression;
  }
}
