// autocannon ships no types; this declares the small part the drivers use.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      overallRate?: number;
      timeout?: number;
      headers?: Record<string, string>;
      requests?: Array<Record<string, unknown>>;
    }
    type Instance = EventEmitter;
  }
  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
