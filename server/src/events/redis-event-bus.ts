import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import { TOPICS, type Topic, type TopicPayloads } from '../domain/events/topics';
import type { Logger } from '../domain/logging/logger';
import type { EventBus, TopicListener } from './event-bus';
import { eventSerializer } from './event-serializer';
import { shielded } from './shielded-listener';

type TopicEvent = CustomEvent<unknown>;

const keepSubscribed = () => undefined;

/**
 * Events over Redis pub/sub: every process that publishes reaches every API replica. Channels are
 * namespaced by the key prefix (Redis channels are global to a server, unlike keys in a DB).
 * A subscriber connection cannot issue other commands, hence two clients.
 */
export function createRedisEventBus(options: { url: string; prefix: string; logger: Logger }): EventBus {
  const { url, prefix, logger } = options;
  const publishClient = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  // Lazy: a worker only publishes and never opens the subscriber connection.
  const subscribeClient = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null, connectionName: `${prefix}:events` });
  for (const client of [publishClient, subscribeClient]) {
    client.on('error', (error) => logger.warn({ err: error.message }, 'event bus: redis error'));
  }
  const target = createRedisEventTarget<TopicEvent>({ publishClient, subscribeClient, serializer: eventSerializer });
  const channel = (topic: Topic) => `${prefix}:events:${topic}`;
  const channels = Object.values(TOPICS).map(channel);
  const resubscribed = new Set<() => void>();
  let connections = 0;
  subscribeClient.on('ready', () => {
    connections += 1;
    if (connections === 1) return;
    // ioredis re-subscribes by itself; awaiting SUBSCRIBE (idempotent) makes sure it is acknowledged.
    subscribeClient.subscribe(...channels).then(
      () => {
        logger.warn('event bus: redis subscriber reconnected; events of the gap are lost');
        for (const listener of resubscribed) listener();
      },
      (error: Error) => logger.error({ err: error.message }, 'event bus: could not re-subscribe'),
    );
  });

  return {
    // Published directly (not via dispatchEvent, which drops the reply) so a failure is awaited and logged.
    async publish<T extends Topic>(topic: T, payload: TopicPayloads[T]) {
      try {
        await publishClient.publish(channel(topic), eventSerializer.stringify(payload));
      } catch (error) {
        logger.error({ err: (error as Error).message, topic }, 'event bus: publish failed');
      }
    },
    on<T extends Topic>(topic: T, listener: TopicListener<T>) {
      // Shielded: a throw here would surface inside ioredis's reply parser.
      const safe = shielded(listener, logger);
      const callback = (event: TopicEvent) => safe(event.detail as TopicPayloads[T]);
      target.addEventListener(channel(topic), callback);
      return () => target.removeEventListener(channel(topic), callback);
    },
    onResubscribed(listener) {
      resubscribed.add(listener);
      return () => resubscribed.delete(listener);
    },
    async ready() {
      // A permanent listener per topic keeps each channel subscribed while subscribers come and go,
      // so a new subscriber never waits for a SUBSCRIBE round trip. Awaiting SUBSCRIBE again
      // (idempotent) means Redis has acknowledged it.
      for (const name of channels) target.addEventListener(name, keepSubscribed);
      await subscribeClient.subscribe(...channels);
    },
    async close() {
      subscribeClient.disconnect();
      await publishClient.quit().catch(() => publishClient.disconnect());
    },
  };
}
