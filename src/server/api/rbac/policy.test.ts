import { describe, expect, it } from 'vitest';
import { enforce, globMatch, parsePolicy, parseProjectRole } from './policy.js';

const subject = 'proj:shop:deployer';
const req = (action: string, object: string) => ({ subject, resource: 'applications', action, object });

describe('globMatch', () => {
  it('matches Argo-style globs', () => {
    expect(globMatch('shop/*', 'shop/cart')).toBe(true);
    expect(globMatch('shop/*', 'shop/ns/cart')).toBe(true); // * crosses "/" as in Argo CD
    expect(globMatch('shop/*', 'shopping/cart')).toBe(false);
    expect(globMatch('shop/cart-?', 'shop/cart-1')).toBe(true);
    expect(globMatch('shop/cart-?', 'shop/cart-12')).toBe(false);
    expect(globMatch('shop/{cart,till}', 'shop/till')).toBe(true);
    expect(globMatch('shop/{cart,till}', 'shop/door')).toBe(false);
    expect(globMatch('shop/a.b', 'shop/aXb')).toBe(false); // "." is literal
    expect(globMatch('action/*', 'action/apps/Deployment/restart')).toBe(true);
  });
});

describe('enforce', () => {
  const policies = [
    `p, ${subject}, applications, get, shop/*, allow`,
    `p, ${subject}, applications, sync, shop/*, allow`,
    `p, ${subject}, applications, sync, shop/payments, deny`,
    'p, proj:shop:other, applications, delete, shop/*, allow',
    'not a policy line',
  ];

  it('allows what an allow line grants', () => {
    expect(enforce(policies, req('sync', 'shop/cart'))).toEqual({ allowed: true });
    expect(enforce(policies, req('get', 'shop/payments'))).toEqual({ allowed: true });
  });

  it('lets deny win over allow', () => {
    expect(enforce(policies, req('sync', 'shop/payments'))).toEqual({
      allowed: false,
      deniedBy: `p, ${subject}, applications, sync, shop/payments, deny`,
    });
  });

  it('denies what no line grants: other actions, other projects, other subjects', () => {
    expect(enforce(policies, req('delete', 'shop/cart')).allowed).toBe(false);
    expect(enforce(policies, req('sync', 'bank/ledger')).allowed).toBe(false);
    expect(enforce(policies, { ...req('get', 'shop/cart'), resource: 'clusters' }).allowed).toBe(false);
  });

  it('matches the wildcard action', () => {
    expect(enforce([`p, ${subject}, applications, *, shop/*, allow`], req('delete', 'shop/x')).allowed).toBe(
      true,
    );
  });
});

describe('parsing', () => {
  it('reads policy lines and role subjects', () => {
    expect(parsePolicy(' p , s , applications , get , a/* , allow ')).toEqual({
      subject: 's',
      resource: 'applications',
      action: 'get',
      object: 'a/*',
      effect: 'allow',
    });
    expect(parsePolicy('p, s, applications, get, a/*, maybe')).toBeUndefined();
    expect(parsePolicy('g, s, role:admin')).toBeUndefined();
    expect(parseProjectRole('proj:my-proj:deployer')).toEqual({ project: 'my-proj', role: 'deployer' });
    expect(parseProjectRole('proj:my-proj')).toBeUndefined();
    expect(parseProjectRole('role:admin')).toBeUndefined();
  });
});
