import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createFakeApi, ok, renderWithApi } from '../../../test/fake-api';
import { aRepairPreview, aViolation } from '../../../test/factories';
import { ViolationsTable } from './ViolationsTable';

const xss = '<img src=x onerror=alert(1)>';

function renderTable(onRepair = vi.fn(async () => true), violations = [aViolation()]) {
  // The repair dialog asks the API what the repair will change.
  renderWithApi(
    <ViolationsTable
      violations={violations}
      repairedIds={new Set()}
      now={Date.now()}
      repairing={false}
      repairError={null}
      onRepair={onRepair}
      onDialogClose={() => undefined}
    />,
    createFakeApi(() => ok({ repairPreview: aRepairPreview() })),
  );
  return onRepair;
}

describe('ViolationsTable', () => {
  it('shows the progress-versus-license difference of each row', () => {
    renderTable();
    const row = screen.getByTestId('violation-row');
    expect(within(row).getByText('License 2 levels behind progress')).toBeTruthy();
    expect(within(row).getByText('\u22122')).toBeTruthy();
  });

  it('renders a student name containing HTML as text', () => {
    renderTable(undefined, [aViolation({ student: { id: '7', fullName: xss, email: 'x@example.edu' } })]);
    expect(screen.getByText(xss)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });

  it('asks for confirmation before repairing, and does nothing on cancel', async () => {
    const user = userEvent.setup();
    const onRepair = renderTable();
    await user.click(screen.getByRole('button', { name: 'Repair Player license of Amelia Hart' }));
    const dialog = screen.getByRole('dialog', { name: 'Repair this license?' });
    expect(within(dialog).getByText('Amelia Hart')).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onRepair).not.toHaveBeenCalled();
  });

  it('repairs the violation once confirmed and closes the dialog', async () => {
    const user = userEvent.setup();
    const violation = aViolation();
    const onRepair = renderTable(vi.fn(async () => true), [violation]);
    await user.click(screen.getByRole('button', { name: /^Repair/ }));
    await screen.findByTestId('repair-changes');
    await user.click(screen.getByRole('button', { name: 'Repair license' }));
    expect(onRepair).toHaveBeenCalledWith(violation);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
