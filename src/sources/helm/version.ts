/** Picks a chart version: an exact version if it exists, else the highest match of a semver range. */
import semver from 'semver';

export function pickVersion(available: string[], wanted: string): string | undefined {
  const trimmed = wanted.trim();
  if (available.includes(trimmed)) return trimmed;
  const range = trimmed === '' || trimmed === 'latest' ? '*' : trimmed;
  if (!semver.validRange(range)) return undefined;
  const valid = available.filter((v) => semver.valid(v));
  return semver.maxSatisfying(valid, range) ?? undefined;
}
