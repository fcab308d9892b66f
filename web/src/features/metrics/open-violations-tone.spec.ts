import { describe, expect, it } from 'vitest';
import { openViolationsTone } from './open-violations-tone';

describe('openViolationsTone', () => {
  it('follows the health state: red when Critical, amber otherwise', () => {
    expect(openViolationsTone(161, 'CRITICAL')).toBe('critical');
    expect(openViolationsTone(12, 'DEGRADED')).toBe('warning');
    expect(openViolationsTone(3, 'HEALTHY')).toBe('warning');
    expect(openViolationsTone(3, undefined)).toBe('warning');
  });

  it('is plain when nothing is open, whatever the last check said', () => {
    expect(openViolationsTone(0, 'CRITICAL')).toBe('default');
    expect(openViolationsTone(undefined, 'CRITICAL')).toBe('default');
  });
});
