import { graphqlBody } from '../drivers/graphql-request';
import { runOpenLoop } from '../drivers/paced-driver';
import { connectHeapInspector, findInspectorUrl } from '../measure/heap-inspector';
import { measureMachineLoad } from '../measure/machine-load';
import { readRssMb } from '../measure/process-sampler';
import { runBareCheck, type BareCheckResult } from '../references/bare-check';
import type { LoadStack } from '../stack/load-stack';
import { DASHBOARD_QUERY } from './dashboard-load.scenario';
import { updateProgressPlan } from './progress-storm.scenario';
import { ms, type ScenarioOptions, type ScenarioReport } from './scenario.types';

export interface SoakSegment {
  /** Minutes since the start, at the end of the segment. */
  atMin: number;
  /** Lowest heap-used sample of the segment: the heap after a collection, what a leak raises. */
  heapFloorMb: number;
  /** Last samples of the segment. */
  heapMb: number;
  rssMb: number;
  writeP99: number;
  readP99: number;
  requests: number;
  failures: number;
  failureKinds: string;
}

export interface SoakResult {
  writeRate: number;
  readRate: number;
  segmentS: number;
  segments: SoakSegment[];
  /** Heap and RSS every `sampleEveryS`, from the API's /metrics and /proc: [minutes, MB]. */
  heapSamples: Array<[number, number]>;
  rssSamples: Array<[number, number]>;
  /**
   * Lowest heap sample of each complete window of `floorWindowS` after the first (warm-up) segment:
   * [window middle in minutes, MB]. Windows span at least 30 s so that each holds a full collection.
   */
  heapFloors: Array<[number, number]>;
  floorWindowS: number;
  /** Least-squares slopes after the first (warm-up) segment, in MB per minute (floors: null under two windows). */
  heapFloorSlope: number | null;
  heapSampleSlope: number;
  /** Heap after a full collection at the start of each segment and at the end, when `heapAfterGc` was given. */
  gcHeapSamples: Array<[number, number]>;
  gcHeapSlope: number | null;
  rssSlope: number;
  /**
   * updateProgress p99 drift: the median segment p99 of the last third of the steady segments over
   * that of the first third (medians, so one segment hit by a neighbour's burst does not decide).
   */
  p99Drift: number;
  p99Early: number;
  p99Late: number;
  requests: number;
  failures: number;
  /** The coupling invariant over the whole database once the load has stopped. */
  afterwards: BareCheckResult;
}

export interface SoakOptions {
  durationS: number;
  /** updateProgress per second; the dashboard query runs at a fifth of it. */
  writeRate: number;
  /** Segment length; by default 60 s for runs of 10 minutes or more, 20 s from 2 minutes, else 10 s. */
  segmentS?: number;
  sampleEveryS?: number;
  /** Sockets per driver (updates and reads each); the drivers' default otherwise. */
  maxSockets?: number;
  /**
   * Forces a full collection in the API and returns the heap left, in MB (e.g. through the
   * inspector protocol). Called between segments only: the pause it causes is not in the latencies.
   */
  heapAfterGc?: () => Promise<number>;
}

/** Heap in use, from the API's own Prometheus endpoint (prom-client's default Node metrics). */
async function heapUsedMb(baseUrl: string): Promise<number> {
  try {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    const match = /^\w*nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
    return match ? Number(match[1]) / 1024 / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Least-squares slope of y over x (non-finite points ignored). */
export function slope(points: Array<[number, number]>): number {
  const valid = points.filter(([, y]) => Number.isFinite(y));
  const n = valid.length;
  if (n < 2) return 0;
  const mx = valid.reduce((a, [x]) => a + x, 0) / n;
  const my = valid.reduce((a, [, y]) => a + y, 0) / n;
  const num = valid.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = valid.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/** The lowest finite sample of each complete window of `width` minutes in [from, to]: [window middle, value]. */
export function windowFloors(samples: Array<[number, number]>, from: number, to: number, width: number): Array<[number, number]> {
  const floors: Array<[number, number]> = [];
  for (let start = from; start + width <= to + 1e-9; start += width) {
    const inside = samples.filter(([at, v]) => at >= start && at < start + width && Number.isFinite(v)).map(([, v]) => v);
    if (inside.length) floors.push([start + width / 2, Math.min(...inside)]);
  }
  return floors;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function defaultSegmentS(durationS: number): number {
  if (durationS >= 600) return 60;
  if (durationS >= 120) return 20;
  return 10;
}

/**
 * A steady mix (updateProgress and the dashboard query, each at a fixed offered rate) for
 * `durationS`, in segments. The API's heap is sampled every second or so: heap-used climbs
 * between collections whatever the code does, so the trend is taken from each segment's floor
 * (its lowest sample, just after a collection), which only a leak keeps raising.
 */
export async function runSoak(stack: LoadStack, options: SoakOptions): Promise<SoakResult> {
  const writeRate = options.writeRate;
  const readRate = Math.max(1, Math.round(writeRate / 5));
  const segmentS = options.segmentS ?? defaultSegmentS(options.durationS);
  const segmentCount = Math.max(3, Math.round(options.durationS / segmentS));
  const sockets = options.maxSockets ? { maxSockets: options.maxSockets } : {};
  const write = { url: stack.api.graphqlUrl, token: stack.adminToken, plan: updateProgressPlan(stack.students.firstId, stack.students.lastId), ...sockets };
  const dashboardBody = graphqlBody(DASHBOARD_QUERY);
  const read = { url: stack.api.graphqlUrl, token: stack.adminToken, plan: () => ({ body: dashboardBody }), ...sockets };
  const gcHeapSamples: Array<[number, number]> = [];
  const t0 = performance.now();
  const minutes = () => (performance.now() - t0) / 60_000;

  const heapSamples: Array<[number, number]> = [];
  const rssSamples: Array<[number, number]> = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const heap = await heapUsedMb(stack.api.url);
      heapSamples.push([minutes(), heap]);
      rssSamples.push([minutes(), readRssMb(stack.api.pid()) ?? NaN]);
      await new Promise((r) => setTimeout(r, (options.sampleEveryS ?? 1) * 1000));
    }
  })();

  const segments: SoakSegment[] = [];
  try {
    for (let i = 0; i < segmentCount; i += 1) {
      if (options.heapAfterGc && i > 0) gcHeapSamples.push([minutes(), await options.heapAfterGc()]);
      const from = minutes();
      const [w, r] = await Promise.all([runOpenLoop({ ...write, rate: writeRate, durationS: segmentS }), runOpenLoop({ ...read, rate: readRate, durationS: segmentS })]);
      const to = minutes();
      const ws = w.summary();
      const rs = r.summary();
      const heapInSegment = heapSamples.filter(([at, mb]) => at >= from && at <= to && Number.isFinite(mb)).map(([, mb]) => mb);
      segments.push({
        atMin: to,
        heapFloorMb: heapInSegment.length ? Math.min(...heapInSegment) : NaN,
        heapMb: heapInSegment.at(-1) ?? NaN,
        rssMb: readRssMb(stack.api.pid()) ?? NaN,
        writeP99: ws.p99,
        readP99: rs.p99,
        requests: ws.count + rs.count,
        failures: ws.failed + rs.failed,
        failureKinds: `writes: ${w.describeFailures()}; reads: ${r.describeFailures()}`,
      });
    }
    if (options.heapAfterGc) gcHeapSamples.push([minutes(), await options.heapAfterGc()]);
  } finally {
    sampling = false;
    await sampler;
  }

  // The first segment includes warm-up (JIT, pools, caches filling): judge the trend after it.
  const steady = segments.slice(1);
  const steadyFrom = segments[0]!.atMin;
  const floorWindowS = Math.max(segmentS, 30);
  const heapFloors = windowFloors(heapSamples, steadyFrom, segments.at(-1)!.atMin, floorWindowS / 60);
  const third = Math.max(1, Math.floor(steady.length / 3));
  const p99Early = median(steady.slice(0, third).map((s) => s.writeP99));
  const p99Late = median(steady.slice(-third).map((s) => s.writeP99));
  return {
    writeRate,
    readRate,
    segmentS,
    segments,
    heapSamples,
    rssSamples,
    heapFloors,
    floorWindowS,
    heapFloorSlope: heapFloors.length >= 2 ? slope(heapFloors) : null,
    heapSampleSlope: slope(heapSamples.filter(([at]) => at >= steadyFrom)),
    gcHeapSamples,
    gcHeapSlope: gcHeapSamples.length >= 2 ? slope(gcHeapSamples) : null,
    rssSlope: slope(rssSamples.filter(([at]) => at >= steadyFrom)),
    p99Drift: p99Early > 0 ? p99Late / p99Early : 0,
    p99Early,
    p99Late,
    requests: segments.reduce((a, s) => a + s.requests, 0),
    failures: segments.reduce((a, s) => a + s.failures, 0),
    afterwards: await runBareCheck(stack.database.url),
  };
}

/** `npm run soak` and `npm run loadtest -- soak`: the run above as a report (heap slope, p99 drift, failures, desync). */
export async function soak(stack: LoadStack, options: ScenarioOptions): Promise<ScenarioReport> {
  const startedAt = new Date();
  const machine = await measureMachineLoad();
  // `npm run soak` starts the API with an inspector on loopback: the retained heap is then read after forced collections.
  const inspectorUrl = findInspectorUrl(stack.api.stderrTail());
  const inspector = inspectorUrl ? await connectHeapInspector(inspectorUrl) : null;
  let r: SoakResult;
  try {
    r = await runSoak(stack, { durationS: options.durationS, writeRate: options.rate ?? 100, ...(inspector ? { heapAfterGc: () => inspector.heapAfterGc() } : {}) });
  } finally {
    inspector?.close();
  }
  const mbPerMin = (v: number) => `${v.toFixed(2)} MB/min`;
  const finite = (points: Array<[number, number]>) => points.filter(([, y]) => Number.isFinite(y));
  return {
    name: 'soak',
    title: `Soak: ${r.writeRate} updates/s + ${r.readRate} dashboard reads/s for ${((r.segments.length * r.segmentS) / 60).toFixed(1)} min`,
    startedAt,
    durationS: (Date.now() - startedAt.getTime()) / 1000,
    machine,
    settings: { writeRate: r.writeRate, readRate: r.readRate, segments: r.segments.length, segmentS: r.segmentS, heapSamples: r.heapSamples.length },
    rows: [
      r.gcHeapSlope === null
        ? { scenario: 'soak', metric: 'retained heap slope (after forced GC)', ours: 'not measured (no inspector on the API)', target: '≈ 0 (≤ 1 MB/min)' }
        : {
            scenario: 'soak',
            metric: 'retained heap slope (after forced GC)',
            ours: mbPerMin(r.gcHeapSlope),
            reference: `${r.gcHeapSamples[0]![1].toFixed(1)} → ${r.gcHeapSamples.at(-1)![1].toFixed(1)} MB`,
            target: '≈ 0 (≤ 1 MB/min)',
            pass: r.gcHeapSlope <= 1,
          },
      {
        scenario: 'soak',
        metric: `heap slope (floor per ${r.floorWindowS} s window)`,
        ours: r.heapFloorSlope === null ? `run too short (${r.heapFloors.length} window)` : mbPerMin(r.heapFloorSlope),
        reference: `all samples ${mbPerMin(r.heapSampleSlope)}; RSS ${mbPerMin(r.rssSlope)}`,
        target: 'informative',
      },
      { scenario: 'soak', metric: 'updateProgress p99 drift', ours: `${r.p99Drift.toFixed(2)}× (${ms(r.p99Early)} → ${ms(r.p99Late)})`, reference: 'median segment p99, first → last third', target: '≤ 1.5×', pass: r.p99Drift <= 1.5 },
      { scenario: 'soak', metric: 'failed requests', ours: String(r.failures), reference: `${r.requests} sent`, target: '0', pass: r.failures === 0 },
      {
        scenario: 'soak',
        metric: 'pairs out of sync afterwards',
        ours: String(r.afterwards.inconsistent),
        reference: `${r.afterwards.pairs} pairs (bare anti-join)`,
        target: '0',
        pass: r.afterwards.inconsistent === 0,
      },
    ],
    charts: [
      { kind: 'series', title: 'API heap used', unit: 'MB', xLabel: 'minutes', series: [{ name: 'samples', points: finite(r.heapSamples) }, { name: `floor per ${r.floorWindowS} s`, points: r.heapFloors }] },
      ...(r.gcHeapSamples.length ? [{ kind: 'series' as const, title: 'API heap retained (after a forced full GC)', unit: 'MB', xLabel: 'minutes', series: [{ name: 'retained', points: r.gcHeapSamples }] }] : []),
      { kind: 'series', title: 'API RSS', unit: 'MB', xLabel: 'minutes', series: [{ name: 'RSS', points: finite(r.rssSamples) }] },
      { kind: 'series', title: 'p99 per segment', unit: 'ms', xLabel: 'minutes', series: [{ name: 'updateProgress', points: r.segments.map((s) => [s.atMin, s.writeP99]) }, { name: 'dashboard', points: r.segments.map((s) => [s.atMin, s.readP99]) }] },
    ],
    notes: [
      r.gcHeapSamples.length
        ? `Retained heap: between segments (no load running), a full collection is forced through the API's inspector (HeapProfiler.collectGarbage) and process.memoryUsage().heapUsed read: ${r.gcHeapSamples.map(([, mb]) => mb.toFixed(1)).join(', ')} MB.`
        : 'Retained heap not measured: the API had no inspector (start it through `npm run soak`).',
      `Heap is sampled about every second from the API's /metrics (prom-client). Heap-used climbs between collections whatever the code does, so the slope is taken over the lowest sample of each ${r.floorWindowS} s window after the first (warm-up) segment (a window that long holds a full collection); the slope over all samples is shown beside it. p99 figures move with the machine's other load (see the load average above).`,
      ...r.segments.map(
        (s, i) =>
          `segment ${i + 1} (${s.atMin.toFixed(1)} min): heap floor ${s.heapFloorMb.toFixed(1)} MB, heap ${s.heapMb.toFixed(1)} MB, RSS ${s.rssMb.toFixed(0)} MB, p99 write ${ms(s.writeP99)} / read ${ms(s.readP99)}, ${s.requests} requests, failures ${s.failures} (${s.failureKinds})`,
      ),
    ],
  };
}
