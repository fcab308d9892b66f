import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionStatus } from './connection-status';
import { retryingRateLimits } from './rate-limited-fetch';

const tooMany = (headers: Record<string, string>, retryAfterSeconds?: number) =>
  new Response(JSON.stringify({ errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED', retryAfterSeconds } }] }), {
    status: 429,
    headers: { 'content-type': 'application/json', ...headers },
  });
const answer = () => new Response(JSON.stringify({ data: { ok: true } }), { status: 200, headers: { 'content-type': 'application/json' } });

describe('retryingRateLimits', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(responses: Response[]) {
    const network = vi.fn<typeof fetch>(() => Promise.resolve(responses.shift() ?? answer()));
    const status = new ConnectionStatus();
    return { network, status, fetch: retryingRateLimits(network, status, () => 0) };
  }

  it('waits out a 429 for its Retry-After, says so meanwhile, then sends the request again and returns that answer', async () => {
    const { network, status, fetch } = setup([tooMany({ 'retry-after': '3' }, 3)]);
    const pending = fetch('/graphql', { method: 'POST', body: '{"query":"mutation { x }"}' });

    await vi.advanceTimersByTimeAsync(0);
    expect(network).toHaveBeenCalledTimes(1);
    const until = status.getSnapshot().rateLimitedUntil;
    expect(until).toBe(Date.now() + 3_000);

    await vi.advanceTimersByTimeAsync(2_999);
    expect(network).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(network).toHaveBeenCalledTimes(2);
    expect(network.mock.calls[1]?.[1]?.body).toBe('{"query":"mutation { x }"}');
    expect(status.getSnapshot().rateLimitedUntil).toBeNull();
  });

  it("uses the RATE_LIMITED error's retryAfterSeconds when there is no Retry-After header", async () => {
    const { network, status, fetch } = setup([tooMany({}, 7)]);
    const pending = fetch('/graphql', {});
    await vi.advanceTimersByTimeAsync(0);
    expect(status.getSnapshot().rateLimitedUntil).toBe(Date.now() + 7_000);
    await vi.advanceTimersByTimeAsync(7_000);
    expect((await pending).status).toBe(200);
    expect(network).toHaveBeenCalledTimes(2);
  });

  it('keeps waiting while the API keeps refusing, and shows the latest wait', async () => {
    const { network, status, fetch } = setup([tooMany({ 'retry-after': '1' }), tooMany({ 'retry-after': '2' })]);
    const pending = fetch('/graphql', {});
    await vi.advanceTimersByTimeAsync(1_000);
    expect(network).toHaveBeenCalledTimes(2);
    expect(status.getSnapshot().rateLimitedUntil).toBe(Date.now() + 2_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect((await pending).status).toBe(200);
    expect(status.getSnapshot().rateLimitedUntil).toBeNull();
  });

  it('stops waiting when the request is abandoned', async () => {
    const { network, status, fetch } = setup([tooMany({ 'retry-after': '30' })]);
    const controller = new AbortController();
    const pending = fetch('/graphql', { signal: controller.signal });
    const outcome = pending.then(
      () => 'answered',
      () => 'aborted',
    );
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    expect(await outcome).toBe('aborted');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(network).toHaveBeenCalledTimes(1);
    expect(status.getSnapshot().rateLimitedUntil).toBeNull();
  });

  it('passes every other answer through untouched', async () => {
    const { network, fetch } = setup([new Response('{}', { status: 401 })]);
    expect((await fetch('/graphql', {})).status).toBe(401);
    expect(network).toHaveBeenCalledTimes(1);
  });
});
