import { Repeater } from '@repeaterjs/repeater';
import type { PubSub } from 'type-graphql';

/** For schemas built without an event bus (schema emission, tests of queries): subscriptions stay silent. */
export const NO_LIVE_EVENTS: PubSub = {
  publish: () => undefined,
  subscribe: () => new Repeater<unknown>(async (_push, stop) => stop),
};
