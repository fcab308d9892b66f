import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HealthState } from '../../../generated/graphql';
import { StatusBadge } from './StatusBadge';

describe('StatusBadge', () => {
  it.each<[HealthState, string]>([
    ['HEALTHY', 'Healthy'],
    ['DEGRADED', 'Degraded'],
    ['CRITICAL', 'Critical'],
    ['UNKNOWN', 'Unknown'],
  ])('shows %s as text and an icon, not colour alone', (state, label) => {
    render(<StatusBadge state={state} />);
    const badge = screen.getByTestId('status-badge');
    expect(badge.textContent).toBe(`Health status: ${label}`);
    expect(badge.dataset.state).toBe(state);
    expect(badge.className).toContain(`status-badge--${state.toLowerCase()}`);
    expect(badge.querySelector('svg')).not.toBeNull();
  });
});
