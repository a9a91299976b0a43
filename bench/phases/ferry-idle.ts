/** The controller's own footprint: RSS 3 s after it has started, with no Applications. */
import type { BenchContext } from '../context.js';
import { prepareRound, startController, ferryRound } from '../ferry/setup.js';
import { sleep } from '../util/time.js';

export async function ferryIdleRss(ctx: BenchContext): Promise<number | undefined> {
  const round = ferryRound(0, 'idle');
  ctx.progress.step('ferry idle footprint: controller with no Applications');
  await prepareRound(ctx, round);
  const ferry = await startController(ctx, round, false);
  await Promise.race([ferry.started, sleep(60_000)]);
  await sleep(3000);
  const rss = ferry.usage()?.rssMiB;
  await ferry.stop();
  return rss;
}
