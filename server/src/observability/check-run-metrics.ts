import { TOPICS } from '../domain/events/topics';
import type { EventBus } from '../events/event-bus';
import { checkDuration, eventDeliveryLatency } from './metrics';

const MAX_SKEW_SECONDS = 300;

/**
 * Observes run events as this process receives them from the bus (each API replica hears every
 * run, from any worker), so check durations and delivery latency reach /metrics without the
 * worker serving an endpoint itself. Delivery latency is measured on the events that carry the
 * moment they were stored (a run queued, a run finished): stored → received here, so it includes
 * the publish hop through Redis. Returns the function that stops listening.
 */
export function observeCheckRuns(bus: EventBus): () => void {
  const finished = new Set<number>();
  return bus.on(TOPICS.CHECK_RUN_UPDATED, (run) => {
    const storedAt = run.state === 'QUEUED' ? run.queuedAt : run.finishedAt;
    if (storedAt && (run.state === 'QUEUED' || !finished.has(run.id))) {
      const seconds = (Date.now() - new Date(storedAt).getTime()) / 1000;
      // Clocks of other hosts can disagree; a wildly skewed sample says nothing about delivery.
      if (seconds >= 0 && seconds < MAX_SKEW_SECONDS) eventDeliveryLatency.observe({ topic: TOPICS.CHECK_RUN_UPDATED }, seconds);
    }
    if ((run.state !== 'SUCCEEDED' && run.state !== 'FAILED') || run.durationMs === null || finished.has(run.id)) return;
    finished.add(run.id);
    if (finished.size > 1000) finished.delete(finished.values().next().value!);
    checkDuration.observe({ trigger: run.trigger, outcome: run.state.toLowerCase() }, run.durationMs / 1000);
  });
}
