import { EventEmitter } from 'node:events';
import type { Topic, TopicPayloads } from '../domain/events/topics';
import type { Logger } from '../domain/logging/logger';
import type { EventBus, TopicListener } from './event-bus';
import { shielded } from './shielded-listener';

/** For the all-in-one process without Redis: API and worker share one process, so an emitter is enough. */
export function createInProcessEventBus(logger?: Logger): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish<T extends Topic>(topic: T, payload: TopicPayloads[T]) {
      emitter.emit(topic, payload);
    },
    on<T extends Topic>(topic: T, listener: TopicListener<T>) {
      // A failing listener must not fail the publisher (a check that just stored its result).
      const safe = shielded(listener, logger);
      emitter.on(topic, safe);
      return () => emitter.off(topic, safe);
    },
    // Nothing between publisher and listener can drop out.
    onResubscribed: () => () => undefined,
    ready: async () => undefined,
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}
