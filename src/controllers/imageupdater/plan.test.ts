import { describe, expect, it } from 'vitest';
import type { Application } from '../../api/argo/index.js';
import { liveImage, planApplication, type PlanDeps } from './plan.js';

const P = 'argocd-image-updater.argoproj.io';

function app(annotations: Record<string, string>, images: string[]): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'a', namespace: 'argocd', annotations },
    spec: { destination: {}, source: { repoURL: 'https://x', path: '.' } },
    status: { summary: { images } },
  } as unknown as Application;
}

/** A registry answering from a fixed tag list (the real client is exercised in test/image). */
function registry(tags: string[]): PlanDeps {
  return {
    registry: {
      listTags: () => Promise.resolve(tags),
      manifestDigest: (_i, tag) => Promise.resolve(`sha256:${tag}`),
      imageCreated: (_i, tag) => Promise.resolve(new Date(Date.UTC(2026, 0, tag.length))),
    },
    requestOptions: () => Promise.resolve({}),
  };
}

const seed = {
  [`${P}/image-list`]: 'app=localhost:5000/org/my-app',
  [`${P}/app.update-strategy`]: 'semver',
  [`${P}/app.allow-tags`]: 'regexp:^[0-9]+\\.[0-9]+\\.[0-9]+$',
};

describe('the running image', () => {
  it('is found by registry and repository, whatever the tag', () => {
    const a = app({}, ['nginx:1.25', 'localhost:5000/org/my-app:1.0.0']);
    expect(liveImage(a, 'localhost:5000/org/my-app')).toEqual({
      name: 'localhost:5000/org/my-app',
      tag: '1.0.0',
    });
    expect(liveImage(a, 'docker.io/library/nginx')).toEqual({ name: 'nginx', tag: '1.25' });
    expect(liveImage(a, 'localhost:5000/org/other')).toBeUndefined();
  });
});

describe('planning', () => {
  const tags = ['1.0.0', '1.1.0', '1.2.0-rc.1', '2.0.0-bad', 'v2.0.0'];

  it("moves the seed's image to the highest plain x.y.z", async () => {
    const [o] = await planApplication(app(seed, ['localhost:5000/org/my-app:1.0.0']), registry(tags));
    expect(o).toMatchObject({ result: 'update', change: { oldTag: '1.0.0', newTag: '1.1.0' } });
  });

  it('reports an image already at the chosen tag, and one not running', async () => {
    expect(
      (await planApplication(app(seed, ['localhost:5000/org/my-app:1.1.0']), registry(tags)))[0],
    ).toEqual({
      alias: 'app',
      image: 'localhost:5000/org/my-app',
      result: 'current',
      tag: '1.1.0',
    });
    expect((await planApplication(app(seed, []), registry(tags)))[0]).toMatchObject({ result: 'skipped' });
    const forced = { ...seed, [`${P}/app.force-update`]: 'true' };
    expect((await planApplication(app(forced, []), registry(tags)))[0]).toMatchObject({
      result: 'update',
      change: { oldTag: '', newTag: '1.1.0' },
    });
  });

  it('keeps one image failing apart from the others', async () => {
    const a = app({ ...seed, [`${P}/image-list`]: 'app=localhost:5000/org/my-app, b=localhost:5000/org/b' }, [
      'localhost:5000/org/my-app:1.0.0',
      'localhost:5000/org/b:1',
    ]);
    const deps = registry(tags);
    deps.registry.listTags = (image) =>
      image.endsWith('/b') ? Promise.reject(new Error('HTTP 401 Unauthorized')) : Promise.resolve(tags);
    const outcomes = await planApplication(a, deps);
    expect(outcomes.map((o) => o.result)).toEqual(['update', 'error']);
  });

  it('follows a tag by digest, and picks the newest build', async () => {
    const digest = {
      [`${P}/image-list`]: 'app=localhost:5000/org/my-app:latest',
      [`${P}/app.update-strategy`]: 'digest',
    };
    expect(
      (await planApplication(app(digest, ['localhost:5000/org/my-app:latest']), registry(['latest'])))[0],
    ).toMatchObject({
      result: 'update',
      change: { newTag: 'latest', digest: 'sha256:latest' },
    });
    const newest = {
      [`${P}/image-list`]: 'app=localhost:5000/org/my-app',
      [`${P}/app.update-strategy`]: 'latest',
    };
    expect(
      (await planApplication(app(newest, ['localhost:5000/org/my-app:a']), registry(['a', 'bbb', 'cc'])))[0],
    ).toMatchObject({
      change: { newTag: 'bbb' },
    });
  });
});
