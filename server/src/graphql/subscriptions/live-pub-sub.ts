import { FixedBuffer, SlidingBuffer } from '@repeaterjs/repeater';
import type { PubSub } from 'type-graphql';
import { conflict, type DomainError } from '../../domain/errors/domain-error';
import { DELTA_TOPICS, type Topic, type TopicPayloads } from '../../domain/events/topics';
import type { EventBus } from '../../events/event-bus';
import { SubscriberQueue } from './subscriber-queue';

/** What a new subscriber is sent first: the state as stored now (null when there is nothing yet; a delta topic has none). */
export type CurrentState = { [T in Topic]?: () => Promise<TopicPayloads[T] | null> };

/** Whether an event that arrived while the current state was being read is older than that state. */
export type StaleCheck = { [T in Topic]?: (event: TopicPayloads[T], current: TopicPayloads[T]) => boolean };

/**
 * Events a slow subscriber may fall behind by (a stuck socket must not grow memory). Beyond that,
 * on a state topic the oldest are dropped (a SlidingBuffer): the newest state is what a dashboard
 * needs; on a delta topic (a FixedBuffer, which fills up) the subscription ends with EVENTS_MISSED,
 * since a dropped delta cannot be made up for.
 */
export const SUBSCRIBER_BACKLOG = 256;

/** Why a delta subscription ended: the client should read the state again by query, then resubscribe. */
export function eventsMissed(why: string): DomainError {
  return conflict(`${why}; query the current state again and resubscribe`, { reason: 'EVENTS_MISSED' });
}

/** What a subscriber's queue fails with when it falls too far behind (one function for all, not a closure each). */
const overflow = (): DomainError => eventsMissed(`This subscriber fell more than ${SUBSCRIBER_BACKLOG} events behind`);

/**
 * type-graphql's pub/sub over the event bus. Events published before a subscriber listens are lost,
 * so each subscription starts listening, then reads and sends the current state, then the events that
 * arrived meanwhile (minus those the state already covers), then live events. It sends the current
 * state again whenever the bus reports that delivery resumed after a gap; a delta topic's
 * subscription (DELTA_TOPICS) ends with EVENTS_MISSED instead, as it does when it falls too far behind.
 *
 * The bus has one listener per topic, whatever the number of subscribers; it hands each event (the
 * same object) to every subscriber's queue in the order they subscribed.
 */
export function createLivePubSub(bus: EventBus, current: CurrentState, stale: StaleCheck = {}): PubSub {
  const audiences = new Map<Topic, Set<(payload: unknown) => void>>();
  const listen = (topic: Topic, deliver: (payload: unknown) => void): (() => void) => {
    let audience = audiences.get(topic);
    if (!audience) {
      const members = new Set<(payload: unknown) => void>();
      audience = members;
      audiences.set(topic, members);
      bus.on(topic, (payload) => {
        for (const member of members) member(payload);
      });
    }
    audience.add(deliver);
    return () => audience.delete(deliver);
  };
  return {
    publish(topic, ...args) {
      void bus.publish(topic as Topic, args[0] as never);
    },
    subscribe(topic) {
      const name = topic as Topic;
      const isStale = stale[name] as ((event: unknown, current: unknown) => boolean) | undefined;
      const delta = DELTA_TOPICS.has(name);
      const buffer = delta ? new FixedBuffer(SUBSCRIBER_BACKLOG) : new SlidingBuffer(SUBSCRIBER_BACKLOG);
      return new SubscriberQueue<unknown>(buffer, overflow, (queue) => {
        // While the current state is read, live events wait here (null: none is being read).
        let pending: unknown[] | null = null;
        const sendCurrentState = async () => {
          if (pending) return;
          pending = [];
          const state = await (current[name]?.() ?? Promise.resolve(null)).catch(() => null);
          // Pushed synchronously, in order, before live events may be pushed directly again.
          if (state !== null) queue.push(state);
          for (const event of pending) {
            if (state === null || !isStale?.(event, state)) queue.push(event);
          }
          pending = null;
        };
        const offLive = listen(name, (payload) => (pending ? pending.push(payload) : queue.push(payload)));
        // After a gap a state topic sends its state again; a delta topic cannot replay what was lost.
        const offResubscribed = bus.onResubscribed(() =>
          delta ? queue.fail(eventsMissed('Live events were interrupted (the event bus reconnected)')) : void sendCurrentState(),
        );
        void sendCurrentState();
        return () => {
          offLive();
          offResubscribed();
        };
      });
    },
  };
}
