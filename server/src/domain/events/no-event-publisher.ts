import type { EventPublisher } from './topics';

/** For processes and tests with nobody listening: results are stored, nothing is announced. */
export const NO_EVENT_PUBLISHER: EventPublisher = { publish: () => undefined };
