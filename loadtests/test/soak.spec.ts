import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { SPECIALIZATIONS } from '../../server/src/domain/shared/specialization';
import { connectHeapInspector, inspectorUrlFrom, type HeapInspector } from '../src/measure/heap-inspector';
import { runSoak, type SoakResult } from '../src/scenarios/soak.scenario';
import { bootStack, type LoadStack } from '../src/stack/load-stack';

/**
 * The soak scenario, short: a minute of steady updates and dashboard reads. It checks behaviour
 * (every request answered, coupling intact, retained heap not climbing), never speed.
 * `npm run soak -- --minutes 30` is the long form.
 */
const DURATION_S = 60;
const WRITE_RATE = 20;
/** Retained heap (after a full collection) may wander; a leak that matters at this rate climbs faster. */
const MAX_RETAINED_HEAP_SLOPE_MB_PER_MIN = 5;

describe('when the API serves a steady mix of updates and dashboard reads for a minute', () => {
  let stack: LoadStack;
  let inspector: HeapInspector;
  let result: SoakResult;

  beforeAll(async () => {
    stack = await bootStack({
      students: 2_000,
      env: { LOADTEST_PG_ADMIN_URL: inject('pgAdminUrl'), REDIS_URL: inject('redisUrl') },
      api: { nodeArgs: ['--inspect=127.0.0.1:0'] },
    });
    inspector = await connectHeapInspector(inspectorUrlFrom(stack.api.stderrTail()));
    result = await runSoak(stack, { durationS: DURATION_S, writeRate: WRITE_RATE, segmentS: 10, maxSockets: 16, heapAfterGc: () => inspector.heapAfterGc() });
  }, 150_000);

  afterAll(async () => {
    inspector?.close();
    await stack?.close();
  });

  it('answers every request it is sent, without an error', () => {
    const expected = Math.round(WRITE_RATE * 10) * result.segments.length + Math.round(result.readRate * 10) * result.segments.length;
    expect(result.requests).toBe(expected);
    expect(result.segments.map((s) => s.failureKinds)).toEqual(result.segments.map(() => 'writes: none; reads: none'));
    expect(result.failures).toBe(0);
  });

  it('leaves every progress and license pair in sync', () => {
    expect(result.afterwards.pairs).toBe(2_000 * SPECIALIZATIONS.length);
    expect(result.afterwards.byType).toEqual({ MISSING_LICENSE: 0, ORPHAN_LICENSE: 0, LEVEL_MISMATCH: 0, XP_LEVEL_MISMATCH: 0 });
  });

  it('does not keep growing its retained heap', () => {
    expect(result.gcHeapSamples.length).toBeGreaterThanOrEqual(5);
    expect(result.gcHeapSlope).not.toBeNull();
    console.info(
      `[measure] retained heap ${result.gcHeapSamples.map(([, mb]) => mb.toFixed(1)).join(' → ')} MB: ${result.gcHeapSlope!.toFixed(2)} MB/min; ` +
        `heap floor ${result.heapFloorSlope?.toFixed(2) ?? 'n/a'} MB/min; p99 drift ${result.p99Drift.toFixed(2)}×`,
    );
    expect(result.gcHeapSlope!).toBeLessThanOrEqual(MAX_RETAINED_HEAP_SLOPE_MB_PER_MIN);
  });
});
