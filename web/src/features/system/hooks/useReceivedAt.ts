import { useState } from 'react';

/** The local time at which `value` last changed identity (i.e. a new answer arrived). */
export function useReceivedAt(value: unknown): number {
  const [seen, setSeen] = useState<{ value: unknown; at: number }>({ value, at: Date.now() });
  if (seen.value !== value) {
    // Adjusting state during render is React's documented way to track a changed prop.
    setSeen({ value, at: Date.now() });
  }
  return seen.value === value ? seen.at : Date.now();
}
