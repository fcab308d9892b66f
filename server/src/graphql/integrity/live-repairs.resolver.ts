import { Resolver, Root, Subscription } from 'type-graphql';
import { TOPICS } from '../../domain/events/topics';
import type { RepairBatchSnapshot } from '../../domain/integrity/repair.types';
import { RepairBatchType } from './repair-batch.type';

/**
 * Repairs pushed to admins as they are committed, from whichever API replica or worker made them.
 * Events are deltas: nothing is sent on subscribe, so a client reads the state it shows by query
 * and refetches after a reconnect, or when the subscription ends with EVENTS_MISSED.
 */
@Resolver()
export class LiveRepairsResolver {
  @Subscription(() => RepairBatchType, {
    topics: TOPICS.REPAIRS_MADE,
    description:
      'Every repair as it is committed: one event per resyncLicense, one per auto-sync batch (up to 200 pairs). Ends with CONFLICT (reason EVENTS_MISSED) if events were missed: query again, then resubscribe.',
  })
  repairsMade(@Root() batch: RepairBatchSnapshot): RepairBatchSnapshot {
    return batch;
  }
}
