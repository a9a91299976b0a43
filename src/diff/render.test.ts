import { describe, expect, it } from 'vitest';
import { diffObject, renderDiff } from './index.js';
import { asLive, b64, deployment, secret } from './testutil.js';

describe('renderDiff', () => {
  it('shows a unified diff of sorted YAML, live → desired', () => {
    const text = renderDiff(diffObject(deployment({ replicas: 3 }), asLive(deployment({ replicas: 2 }))));
    expect(text).toBe(
      [
        '--- live',
        '+++ desired',
        '@@ -4,7 +4,7 @@',
        '   name: guestbook',
        '   namespace: default',
        ' spec:',
        '-  replicas: 2',
        '+  replicas: 3',
        '   template:',
        '     spec:',
        '       containers:',
        '',
      ].join('\n'),
    );
  });

  it('is empty when nothing differs', () => {
    expect(renderDiff(diffObject(deployment(), asLive(deployment())))).toBe('');
  });

  it('shows a missing live object as all added', () => {
    const lines = renderDiff(diffObject(deployment(), undefined)).trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual(['--- live', '+++ desired', `@@ -0,0 +1,${lines.length - 3} @@`]);
    expect(lines.slice(3).every((l) => l.startsWith('+'))).toBe(true);
    expect(lines).toContain('+kind: Deployment');
  });

  it('shows a missing desired object as all removed', () => {
    const lines = renderDiff(diffObject(undefined, deployment())).trimEnd().split('\n');
    expect(lines.slice(3).every((l) => l.startsWith('-'))).toBe(true);
  });

  it('never shows Secret values, even from a hand-built result', () => {
    const desired = secret({ stringData: { token: 'tok-desired-123' } });
    const live = secret({ data: { token: b64('tok-live-456') } });
    const viaDiff = renderDiff(diffObject(desired, live));
    const byHand = renderDiff({ equal: false, changes: [], desired, live });
    for (const text of [viaDiff, byHand]) {
      expect(text).toContain('-  token: ++++++++++++');
      expect(text).toContain('+  token: ++++++++');
      for (const value of ['tok-desired-123', 'tok-live-456', b64('tok-desired-123'), b64('tok-live-456')]) {
        expect(text).not.toContain(value);
      }
    }
  });
});
