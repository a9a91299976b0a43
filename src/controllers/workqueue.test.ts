import { describe, expect, it } from 'vitest';
import { WorkQueue } from './workqueue.js';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('WorkQueue', () => {
  it('queues a key once and never runs it twice at the same time', async () => {
    const q = new WorkQueue();
    const seen: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const done = q.run(
      3,
      async (key) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        seen.push(key);
        await tick(20);
        running -= 1;
      },
      () => undefined,
    );
    q.add('a');
    q.add('a');
    q.add('b');
    await tick(5);
    q.add('a'); // while a is processing: runs once more afterwards
    await tick(80);
    q.stop();
    await done;
    expect(seen.sort()).toEqual(['a', 'a', 'b']);
    expect(maxRunning).toBe(2);
  });

  it('adds after a delay and reports errors without stopping', async () => {
    const q = new WorkQueue();
    const errors: string[] = [];
    const seen: string[] = [];
    const done = q.run(
      1,
      (key) => {
        seen.push(key);
        return key === 'bad' ? Promise.reject(new Error('boom')) : Promise.resolve();
      },
      (key) => errors.push(key),
    );
    q.addAfter('later', 30);
    q.add('bad');
    await tick(10);
    expect(seen).toEqual(['bad']);
    await tick(60);
    expect(seen).toEqual(['bad', 'later']);
    expect(errors).toEqual(['bad']);
    q.stop();
    await done;
  });
});
