import { describe, expect, it } from 'vitest';
import { RefreshBus } from './refresh-bus';

const settled = async (bus: RefreshBus) => {
  let done = false;
  void bus.firstLoads.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 5));
  return done;
};

describe('RefreshBus first loads', () => {
  it('settles once every tracked query has its first answer', async () => {
    const bus = new RefreshBus();
    const health = bus.trackFirstLoad();
    const metrics = bus.trackFirstLoad();
    health();
    expect(await settled(bus)).toBe(false);
    metrics();
    metrics(); // twice is once
    expect(await settled(bus)).toBe(true);
  });

  it('does not settle between one query finishing and the next registering in the same turn', async () => {
    const bus = new RefreshBus();
    const first = bus.trackFirstLoad();
    first();
    const second = bus.trackFirstLoad();
    expect(await settled(bus)).toBe(false);
    second();
    expect(await settled(bus)).toBe(true);
  });
});
