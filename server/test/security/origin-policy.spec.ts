import { describe, expect, it } from 'vitest';
import { OriginPolicy } from '../../src/http/origin-policy';

describe('OriginPolicy', () => {
  const policy = new OriginPolicy(['https://dashboard.example.test/', 'HTTP://Other.Example.Test:8080']);
  const allows = (origin: string | undefined, host = 'api.example.test:4000') => policy.allows({ origin, host });

  it('allows callers without an Origin header (not a browser)', () => {
    expect(allows(undefined)).toBe(true);
  });

  it('allows the API’s own origin, on its exact host and port', () => {
    expect(allows('http://api.example.test:4000')).toBe(true);
    expect(allows('https://api.example.test:4000')).toBe(true);
    expect(allows('http://api.example.test:4001')).toBe(false);
    expect(allows('http://api.example.test')).toBe(false);
  });

  it('allows allowlisted origins, ignoring case and a trailing slash in the list', () => {
    expect(allows('https://dashboard.example.test')).toBe(true);
    expect(allows('http://other.example.test:8080')).toBe(true);
  });

  it('refuses look-alikes, other schemes and the opaque origin', () => {
    for (const origin of [
      'https://dashboard.example.test.evil.test',
      'https://evil-dashboard.example.test',
      'http://dashboard.example.test',
      'https://dashboard.example.test:444',
      'null',
      'file://',
      'chrome-extension://abcdef',
      'not a url',
      '',
    ]) {
      expect({ origin, allowed: allows(origin) }).toEqual({ origin, allowed: false });
    }
  });

  it('refuses a same-host origin over a non-web scheme', () => {
    expect(allows('ftp://api.example.test:4000')).toBe(false);
  });
});
