import type { Logger } from '../domain/logging/logger';

/** Runs a listener so that its failure is logged, never thrown back into whoever delivered the event. */
export function shielded<T>(listener: (payload: T) => void, logger?: Logger): (payload: T) => void {
  return (payload) => {
    try {
      listener(payload);
    } catch (error) {
      logger?.error({ err: error instanceof Error ? error.message : String(error) }, 'event listener failed');
    }
  };
}
