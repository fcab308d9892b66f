import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenService } from '../../src/domain/auth/token.service';

const CONFIG = { secret: 'token-cache-test-secret-0123456789-abcdefghij', ttlMinutes: 10, issuer: 'levelsync', audience: 'levelsync-api' };
const START = Date.UTC(2026, 10, 23, 12, 0, 0);

/** A token service whose clock the test moves by hand. */
function serviceAt(startMs = START, options: { cacheSize?: number; secret?: string } = {}) {
  const clock = { ms: startMs };
  const tokens = new TokenService({ ...CONFIG, secret: options.secret ?? CONFIG.secret }, { now: () => clock.ms, cacheSize: options.cacheSize });
  return { tokens, clock };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function refusal(promise: Promise<unknown>): Promise<{ code: unknown; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { code: (error as { code?: unknown }).code, message: (error as Error).message };
  }
  throw new Error('expected the token to be refused');
}

describe('TokenService verified-token cache', () => {
  it('verifies a genuine token and answers the same viewer again from the cache', async () => {
    const { tokens } = serviceAt();
    const { accessToken, expiresAt } = await tokens.issue({ id: 42, role: 'ADMIN' });
    const first = await tokens.verify(accessToken);
    expect(first).toEqual({ id: 42, role: 'ADMIN', sessionVersion: 0, expiresAt });
    expect(tokens.cachedTokens).toBe(1);
    expect(await tokens.verify(accessToken)).toEqual(first);
    expect(tokens.cachedTokens).toBe(1);
  });

  it('refuses a cached token once it expires, with the same 5 s tolerance as a full verification', async () => {
    const { tokens, clock } = serviceAt();
    const { accessToken, expiresAt } = await tokens.issue({ id: 7, role: 'INSTRUCTOR' });
    await tokens.verify(accessToken);

    clock.ms = expiresAt.getTime() + 4_000; // inside the tolerance
    expect((await tokens.verify(accessToken)).id).toBe(7);

    clock.ms = expiresAt.getTime() + 5_000; // exp <= now - 5 s: expired
    expect(await refusal(tokens.verify(accessToken))).toEqual({ code: 'UNAUTHENTICATED', message: 'The access token has expired; sign in again.' });
    expect(tokens.cachedTokens).toBe(0);
    // Still refused on the full path.
    expect((await refusal(tokens.verify(accessToken))).message).toBe('The access token has expired; sign in again.');
  });

  it('gives a cached and an uncached service the same verdict at every instant around expiry', async () => {
    const warm = serviceAt();
    const { accessToken, expiresAt } = await warm.tokens.issue({ id: 9, role: 'STUDENT' });
    await warm.tokens.verify(accessToken);
    for (const offsetMs of [-1_000, 0, 3_999, 4_999, 5_000, 5_001, 60_000]) {
      const cold = serviceAt(expiresAt.getTime() + offsetMs, { cacheSize: 0 });
      warm.clock.ms = expiresAt.getTime() + offsetMs;
      const verdict = async (t: TokenService) => t.verify(accessToken).then((v) => `ok ${v.id}`, (e: Error) => e.message);
      expect(await verdict(warm.tokens), `at exp ${offsetMs >= 0 ? '+' : ''}${offsetMs} ms`).toBe(await verdict(cold.tokens));
    }
  });

  it('refuses forgeries of a cached token: tampered payload, another signature, another key, alg none', async () => {
    const { tokens } = serviceAt();
    const { accessToken } = await tokens.issue({ id: 5, role: 'STUDENT' });
    await tokens.verify(accessToken);
    const [header, payload, signature] = accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const raised = b64({ ...claims, role: 'ADMIN' });
    const otherKey = createHmac('sha256', 'x'.repeat(48)).update(`${header}.${payload}`).digest('base64url');
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const forgeries = [
      `${header}.${raised}.${signature}`,
      `${header}.${payload}.${otherKey}`,
      `${header}.${payload}.${flipped}`,
      `${header}.${payload}.`,
      `${b64({ alg: 'none', typ: 'JWT' })}.${raised}.`,
      `${accessToken}x`,
    ];
    for (const forged of forgeries) {
      expect(await refusal(tokens.verify(forged)), forged).toEqual({ code: 'UNAUTHENTICATED', message: 'The access token is invalid; sign in again.' });
    }
    expect(tokens.cachedTokens).toBe(1);
    expect((await tokens.verify(accessToken)).role).toBe('STUDENT');
  });

  it('does not accept a token signed under another secret, even one cached by that other service', async () => {
    const other = serviceAt(START, { secret: 'another-secret-entirely-0123456789-abcdefgh' });
    const { accessToken } = await other.tokens.issue({ id: 3, role: 'ADMIN' });
    await other.tokens.verify(accessToken);
    const { tokens } = serviceAt();
    expect((await refusal(tokens.verify(accessToken))).code).toBe('UNAUTHENTICATED');
    expect(tokens.cachedTokens).toBe(0);
  });

  it('never caches a refused token: a not-yet-valid token is checked again in full', async () => {
    const { tokens, clock } = serviceAt();
    const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: '8', role: 'STUDENT', iss: CONFIG.issuer, aud: CONFIG.audience, iat: START / 1000, exp: START / 1000 + 600, nbf: START / 1000 + 60 })}`;
    const token = `${body}.${createHmac('sha256', CONFIG.secret).update(body).digest('base64url')}`;
    expect((await refusal(tokens.verify(token))).code).toBe('UNAUTHENTICATED');
    expect(tokens.cachedTokens).toBe(0);
    clock.ms = START + 61_000;
    expect((await tokens.verify(token)).id).toBe(8);
  });

  it('stays within its bound, forgetting the least recently used token first', async () => {
    const { tokens } = serviceAt(START, { cacheSize: 2 });
    const [a, b, c] = await Promise.all([1, 2, 3].map(async (id) => (await tokens.issue({ id, role: 'STUDENT' })).accessToken));
    await tokens.verify(a!);
    await tokens.verify(b!);
    await tokens.verify(a!); // a is now the most recently used
    await tokens.verify(c!); // evicts b
    expect(tokens.cachedTokens).toBe(2);
    // Every one still verifies (b through the full path again), and the bound holds.
    for (const token of [a!, b!, c!]) expect((await tokens.verify(token)).role).toBe('STUDENT');
    expect(tokens.cachedTokens).toBe(2);
  });
});
