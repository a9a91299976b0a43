import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rate-limit.js';

describe('TokenBucket', () => {
  it('lets a burst through at once, then paces requests at qps', async () => {
    const bucket = new TokenBucket({ qps: 20, burst: 3 });
    const started = Date.now();
    for (let i = 0; i < 3; i += 1) await bucket.take();
    expect(Date.now() - started).toBeLessThan(30);
    for (let i = 0; i < 4; i += 1) await bucket.take();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150); // 4 more at 20/s
  });

  it('does nothing with qps 0', async () => {
    const bucket = new TokenBucket({ qps: 0, burst: 0 });
    const started = Date.now();
    for (let i = 0; i < 100; i += 1) await bucket.take();
    expect(Date.now() - started).toBeLessThan(50);
  });
});
