import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aCheckRun } from '../../../test/factories';
import { ConsistencyHistoryChart } from './ConsistencyHistoryChart';

const start = new Date(2026, 11, 2, 12, 55, 0).getTime();
const finishedAt = (seconds: number) => new Date(start + seconds * 1000).toISOString();

// Three checks within two minutes: the span that used to print "12:55 12:56 12:56".
const runs = [
  aCheckRun({ id: '1', finishedAt: finishedAt(5), consistencyRate: 0.938, pairsChecked: 10_000, inconsistent: 620, trigger: 'SCHEDULED' }),
  aCheckRun({ id: '2', finishedAt: finishedAt(60), consistencyRate: 0.97, pairsChecked: 10_000, inconsistent: 300, trigger: 'MANUAL' }),
  aCheckRun({ id: '3', finishedAt: finishedAt(115), state: 'FAILED', consistencyRate: null, pairsChecked: null, inconsistent: null, error: 'statement timeout', trigger: 'AUTO_SYNC' }),
];

function pointX(id: string): number {
  const mark = document.querySelector(`[data-run-id="${id}"]`)!;
  return mark.tagName === 'circle' ? Number(mark.getAttribute('cx')) : Number(/translate\(([\d.]+)/.exec(mark.getAttribute('transform')!)![1]);
}

describe('ConsistencyHistoryChart', () => {
  it('marks alert transitions in time, stretching the axis to one after the latest run, and leaves out older ones', () => {
    const marks = [
      { id: 'old', time: start - 60_000, kind: 'fired' as const, tone: 'warning' as const, label: 'Consistency fired WARNING before the history' },
      { id: 'a-fired', time: start + 60_000, kind: 'fired' as const, tone: 'critical' as const, label: 'Consistency fired CRITICAL' },
      { id: 'a-resolved', time: start + 300_000, kind: 'resolved' as const, tone: 'resolved' as const, label: 'Consistency resolved' },
    ];
    render(<ConsistencyHistoryChart runs={runs} marks={marks} />);
    const shown = screen.getAllByTestId('alert-mark');
    expect(shown.map((mark) => mark.getAttribute('data-kind'))).toEqual(['fired', 'resolved']);
    const markX = (mark: Element) => Number(/translate\(([\d.]+)/.exec(mark.getAttribute('transform')!)![1]);
    // The fired mark sits on run 2 (same time); the resolution, after every run, is the right end of the axis.
    expect(markX(shown[0]!)).toBeCloseTo(pointX('2'), 0);
    expect(markX(shown[1]!)).toBeGreaterThan(pointX('3'));
    expect(screen.getByRole('list', { name: 'Alert transitions' }).textContent).toContain('Consistency fired CRITICAL');
  });

  it('labels the time axis without repeating a label', () => {
    render(<ConsistencyHistoryChart runs={runs} />);
    const labels = screen.getAllByTestId('time-tick').map((tick) => tick.textContent);
    expect(labels.length).toBeGreaterThan(1);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('shows the nearest run’s time, rate, counts and trigger on hover, and hides them on leave', () => {
    render(<ConsistencyHistoryChart runs={runs} />);
    const hitArea = screen.getByTestId('history-hit-area');
    fireEvent.pointerMove(hitArea, { clientX: pointX('2') + 3 });
    const tooltip = screen.getByRole('tooltip');
    expect(tooltip.textContent).toContain('97.00%');
    expect(within(tooltip).getByText('10,000')).toBeTruthy();
    expect(within(tooltip).getByText('300')).toBeTruthy();
    expect(within(tooltip).getByText('Manual check')).toBeTruthy();
    expect(tooltip.textContent).toContain('12:56:00');
    fireEvent.pointerMove(hitArea, { clientX: pointX('3') });
    expect(screen.getByRole('tooltip').textContent).toContain('Failed');
    expect(screen.getByRole('tooltip').textContent).toContain('statement timeout');
    fireEvent.pointerLeave(hitArea);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('reads each run from the keyboard, starting with the latest', async () => {
    const user = userEvent.setup();
    render(<ConsistencyHistoryChart runs={runs} />);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('group', { name: 'Consistency history' }));
    expect(screen.getByRole('tooltip').textContent).toContain('Auto-sync');
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tooltip').textContent).toContain('Manual check');
    await user.keyboard('{Home}');
    expect(screen.getByRole('tooltip').textContent).toContain('93.80%');
    expect(screen.getByText(/93\.8% consistent, 10,000 pairs checked, 620 inconsistent\. Scheduled check\./)).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('lists every run in a table for screen readers, newest first', () => {
    render(<ConsistencyHistoryChart runs={runs} />);
    const rows = within(screen.getByTestId('history-table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0].textContent)).toEqual(['Failed', '97.00%', '93.80%']);
  });
});
