import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefetchScheduler } from './refetch-scheduler';

const timing = { coalesceMs: 100, minGapMs: 1_000, retryBaseMs: 1_000, retryMaxMs: 4_000 };

describe('RefetchScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    const refetch = vi.fn();
    const scheduler = new RefetchScheduler(refetch, timing);
    /** The query's fetch for a refetch starts, then ends. */
    const answer = (failed = false) => {
      scheduler.observe(true, false);
      scheduler.observe(false, failed);
    };
    return { refetch, scheduler, answer };
  }

  it('turns requests close together into one refetch', () => {
    const { refetch, scheduler } = setup();
    scheduler.request();
    scheduler.request();
    vi.advanceTimersByTime(50);
    scheduler.request();
    vi.advanceTimersByTime(50);
    expect(refetch).toHaveBeenCalledTimes(1);
  });

  it('runs a request that arrived while an answer was on its way once, after that answer', () => {
    const { refetch, scheduler } = setup();
    scheduler.observe(true, false); // e.g. the first load
    scheduler.request();
    scheduler.request();
    vi.advanceTimersByTime(5_000);
    expect(refetch).not.toHaveBeenCalled();
    scheduler.observe(false, false);
    vi.advanceTimersByTime(100);
    expect(refetch).toHaveBeenCalledTimes(1);
  });

  it('refetches at most once per gap during a burst, and once more after its last request', () => {
    const { refetch, scheduler, answer } = setup();
    scheduler.request();
    vi.advanceTimersByTime(100);
    expect(refetch).toHaveBeenCalledTimes(1);
    answer();
    // Nine more requests over the next 900 ms fold into one refetch, a gap after the first.
    for (let i = 0; i < 9; i += 1) {
      scheduler.request();
      vi.advanceTimersByTime(100);
    }
    expect(refetch).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(refetch).toHaveBeenCalledTimes(2);
    answer();
    vi.advanceTimersByTime(10_000);
    expect(refetch).toHaveBeenCalledTimes(2);
  });

  it('retries a refetch that failed, with growing waits, until one succeeds', () => {
    const { refetch, scheduler, answer } = setup();
    scheduler.request();
    vi.advanceTimersByTime(100);
    answer(true);
    vi.advanceTimersByTime(999);
    expect(refetch).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(refetch).toHaveBeenCalledTimes(2);
    answer(true);
    vi.advanceTimersByTime(2_000);
    expect(refetch).toHaveBeenCalledTimes(3);
    answer(false);
    vi.advanceTimersByTime(60_000);
    expect(refetch).toHaveBeenCalledTimes(3);
  });

  it('does not retry a failure it did not start (a first load that failed waits for the next event)', () => {
    const { refetch, answer } = setup();
    answer(true);
    vi.advanceTimersByTime(60_000);
    expect(refetch).not.toHaveBeenCalled();
  });

  it('takes an answer that never rendered as fetching for the end of its refetch', () => {
    const { refetch, scheduler } = setup();
    scheduler.request();
    vi.advanceTimersByTime(100);
    scheduler.observe(false, true); // answered (and failed) before React showed it fetching
    vi.advanceTimersByTime(1_000);
    expect(refetch).toHaveBeenCalledTimes(2);
    scheduler.observe(false, false);
    scheduler.request();
    vi.advanceTimersByTime(1_000);
    expect(refetch).toHaveBeenCalledTimes(3);
  });

  it('does nothing after dispose', () => {
    const { refetch, scheduler } = setup();
    scheduler.request();
    scheduler.dispose();
    vi.advanceTimersByTime(1_000);
    expect(refetch).not.toHaveBeenCalled();
  });
});
