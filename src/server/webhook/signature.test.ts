import { describe, expect, it } from 'vitest';
import { verifyGiteaSignature, verifyGitHubSignature, verifyGitLabToken } from './signature.js';
import { fixture, hmacHex, SECRET } from './testutil.js';

const body = fixture('github-push.json');
const sha256 = hmacHex('sha256', SECRET, body);
const sha1 = hmacHex('sha1', SECRET, body);

describe('verifyGitHubSignature', () => {
  it.each([
    ['good sha256', SECRET, `sha256=${sha256}`, true],
    ['uppercase hex', SECRET, `sha256=${sha256.toUpperCase()}`, true],
    ['legacy sha1', SECRET, `sha1=${sha1}`, true],
    ['missing header', SECRET, undefined, false],
    ['empty header', SECRET, '', false],
    ['wrong secret', 'another-secret', `sha256=${sha256}`, false],
    ['empty secret', '', `sha256=${hmacHex('sha256', '', body)}`, false],
    ['tampered digest', SECRET, `sha256=${sha256.slice(0, -1)}0`, false],
    ['truncated digest', SECRET, `sha256=${sha256.slice(0, 40)}`, false],
    ['sha1 digest under sha256', SECRET, `sha256=${sha1}`, false],
    ['no algorithm prefix', SECRET, sha256, false],
    ['unknown algorithm', SECRET, `md5=${sha256}`, false],
    ['not hex', SECRET, `sha256=${'z'.repeat(64)}`, false],
  ])('%s', (_name, secret, header, expected) => {
    expect(verifyGitHubSignature(secret, body, header)).toBe(expected);
  });

  it('fails when the body changed after signing', () => {
    expect(verifyGitHubSignature(SECRET, Buffer.concat([body, Buffer.from(' ')]), `sha256=${sha256}`)).toBe(
      false,
    );
  });
});

describe('verifyGiteaSignature', () => {
  it.each([
    ['good', SECRET, sha256, true],
    ['with whitespace', SECRET, ` ${sha256}\n`, true],
    ['github-style prefix is not Gitea', SECRET, `sha256=${sha256}`, false],
    ['missing', SECRET, undefined, false],
    ['wrong secret', 'nope', sha256, false],
    ['empty secret', '', hmacHex('sha256', '', body), false],
  ])('%s', (_name, secret, header, expected) => {
    expect(verifyGiteaSignature(secret, body, header)).toBe(expected);
  });
});

describe('verifyGitLabToken', () => {
  it.each([
    ['equal', SECRET, SECRET, true],
    ['different', SECRET, 'guess', false],
    ['prefix only', SECRET, SECRET.slice(0, 5), false],
    ['longer', SECRET, `${SECRET}x`, false],
    ['case differs', SECRET, SECRET.toUpperCase(), false],
    ['missing', SECRET, undefined, false],
    ['empty secret and token', '', '', false],
  ])('%s', (_name, secret, header, expected) => {
    expect(verifyGitLabToken(secret, header)).toBe(expected);
  });
});
