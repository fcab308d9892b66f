import type { Logger } from '../logging/logger';
import type { EventPublisher, Topic, TopicPayloads } from './topics';

/**
 * Announces a result that is already stored. Best effort: subscribers refetch after a reconnect, so
 * a lost event must not fail (and retry) the work that produced it.
 */
export async function publishSafely<T extends Topic>(
  events: EventPublisher,
  topic: T,
  payload: TopicPayloads[T] | (() => Promise<TopicPayloads[T]>),
  logger?: Logger,
): Promise<void> {
  try {
    await events.publish(topic, typeof payload === 'function' ? await payload() : payload);
  } catch (error) {
    logger?.warn({ topic, err: error instanceof Error ? error.message : String(error) }, 'event not published');
  }
}
