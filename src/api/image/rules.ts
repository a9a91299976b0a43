/**
 * ImageRepository and ImagePolicy rules a structural schema cannot say: durations,
 * compilable regular expressions, one policy choice, a valid semver range, the image
 * reference itself, and Flux's CEL rules on interval vs digestReflectionPolicy.
 */
import { FLUX_DURATION } from '../flux/index.js';
import { goRegExp, semverRange } from '../../image/policy/index.js';
import { parseImageRef } from '../../sources/registry/index.js';
import type { ImagePolicySpec, ImageRepositorySpec } from './types.js';

function durationError(path: string, value: string | undefined): string[] {
  if (value === undefined || FLUX_DURATION.test(value)) return [];
  return [`${path} must be a duration such as "30s", "5m" or "1h", got ${JSON.stringify(value)}`];
}

function attempt(path: string, check: () => unknown): string[] {
  try {
    check();
    return [];
  } catch (err) {
    return [`${path}: ${(err as Error).message}`];
  }
}

export function imageRepositoryRuleErrors(obj: Record<string, unknown>): string[] {
  const spec = obj.spec as ImageRepositorySpec;
  const errors = [
    ...durationError('spec.interval', spec.interval),
    ...durationError('spec.timeout', spec.timeout),
  ];
  errors.push(...attempt('spec.image', () => imageWithoutTag(spec.image)));
  (spec.exclusionList ?? []).forEach((pattern, i) => {
    errors.push(...attempt(`spec.exclusionList[${i}]`, () => goRegExp(pattern)));
  });
  return errors;
}

function imageWithoutTag(image: string): void {
  const ref = parseImageRef(image);
  if (ref.tag || ref.digest) throw new Error(`"${image}" names a tag or digest; give the repository only`);
}

export function imagePolicyRuleErrors(obj: Record<string, unknown>): string[] {
  const spec = obj.spec as ImagePolicySpec;
  const errors = durationError('spec.interval', spec.interval);
  const choices = Object.keys(spec.policy ?? {}).filter((k) => spec.policy[k as keyof typeof spec.policy]);
  if (choices.length !== 1) {
    errors.push(
      `spec.policy must have exactly one of semver, alphabetical, numerical; got ${choices.length}`,
    );
  }
  if (spec.policy.semver)
    errors.push(...attempt('spec.policy.semver.range', () => semverRange(spec.policy.semver!.range)));
  if (spec.filterTags?.pattern) {
    errors.push(...attempt('spec.filterTags.pattern', () => goRegExp(spec.filterTags!.pattern!)));
  }
  const always = spec.digestReflectionPolicy === 'Always';
  if (spec.interval && !always) {
    errors.push("spec.interval is only accepted when spec.digestReflectionPolicy is set to 'Always'");
  }
  if (!spec.interval && always)
    errors.push("spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'");
  return errors;
}
