import type { EventPublisher, Topic, TopicPayloads } from '../domain/events/topics';

export type TopicListener<T extends Topic> = (payload: TopicPayloads[T]) => void;

/**
 * The event transport of one process: workers publish through it (the domain's `EventPublisher`
 * port), API replicas listen on it and relay to their own subscribers.
 */
export interface EventBus extends EventPublisher {
  /** Listens in this process; returns the function that stops listening. */
  on<T extends Topic>(topic: T, listener: TopicListener<T>): () => void;
  /**
   * Called when delivery resumes after a gap (the Redis subscriber reconnected): events of the gap
   * are lost, so listeners re-read what they show. Returns the function that stops listening.
   */
  onResubscribed(listener: () => void): () => void;
  /** Resolves once this process receives every topic (the Redis SUBSCRIBE is acknowledged). */
  ready(): Promise<void>;
  close(): Promise<void>;
}
