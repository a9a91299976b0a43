/**
 * Builds the test bed's binaries once before the integration suite (a no-op when
 * they are cached), so no single test pays for a cold Go build inside its timeout.
 */
import { ensureTools } from '../../src/testbed/tools.js';

export default async function setup(): Promise<void> {
  const started = Date.now();
  await ensureTools((message) => process.stderr.write(`[testbed] ${message}\n`));
  process.stderr.write(`[testbed] binaries ready in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
}
