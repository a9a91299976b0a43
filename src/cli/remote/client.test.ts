import { describe, expect, it } from 'vitest';
import { errorMessage, remoteClient } from './client.js';

describe('remoteClient', () => {
  it('uses the kube API without a server, and the options before the environment', () => {
    expect(remoteClient({}, {})).toBeUndefined();
    expect(remoteClient({ server: 'http://a:1/', token: 't' }, { FERRY_SERVER: 'http://b:2' })?.base).toBe(
      'http://a:1',
    );
    expect(remoteClient({}, { FERRY_SERVER: 'http://b:2', FERRY_TOKEN: 't' })?.base).toBe('http://b:2');
  });

  it('says what is missing', () => {
    expect(() => remoteClient({ server: 'http://a:1' }, {})).toThrow(/a token is needed for http:\/\/a:1/);
    expect(() => remoteClient({ server: 'a:1', token: 't' }, {})).toThrow(
      /must be an http:\/\/ or https:\/\/ URL/,
    );
  });
});

describe('errorMessage', () => {
  it('names the status and what to do', () => {
    expect(errorMessage(401, 'GET /x', 'the token is not valid')).toMatch(
      /refused the token \(401\).*FERRY_TOKEN/,
    );
    expect(errorMessage(403, 'POST /x', 'no')).toBe('not allowed (403): no');
    expect(errorMessage(404, 'GET /x', 'gone')).toBe('not found (404): gone');
    expect(errorMessage(409, 'POST /x', 'busy')).toBe('the server answered 409 to POST /x: busy');
  });
});
