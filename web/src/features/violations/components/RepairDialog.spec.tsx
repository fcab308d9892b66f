import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createFakeApi, fail, ok, renderWithApi } from '../../../test/fake-api';
import { aRepairPreview, aViolation } from '../../../test/factories';
import { RepairDialog } from './RepairDialog';

const orphan = aViolation({ type: 'ORPHAN_LICENSE', progressLevel: null, licenseLevel: 3, totalXp: null });
const orphanPreview = aRepairPreview({
  action: 'PROGRESS_RESTORED',
  violationType: 'ORPHAN_LICENSE',
  progress: 'CREATED',
  license: 'UNCHANGED',
  changes: [
    { field: 'PROGRESS_TOTAL_XP', before: null, after: 1500, changed: true },
    { field: 'PROGRESS_LEVEL', before: null, after: 3, changed: true },
    { field: 'LICENSE_LEVEL', before: 3, after: 3, changed: false },
    { field: 'LICENSE_MAX_ACHIEVED_LEVEL', before: 5, after: 5, changed: false },
  ],
});

function renderDialog(previews: Array<ReturnType<typeof ok>>, onConfirm = vi.fn()) {
  let answered = 0;
  const api = createFakeApi((operation) => {
    if (operation !== 'RepairPreview') throw new Error(`unexpected ${operation}`);
    return previews[Math.min(answered++, previews.length - 1)]!;
  });
  renderWithApi(<RepairDialog violation={orphan} busy={false} error={null} onConfirm={onConfirm} onCancel={() => undefined} />, api);
  return { api, onConfirm };
}

const cells = (field: string) => {
  const row = document.querySelector(`[data-field="${field}"]`) as HTMLElement;
  return within(row).getAllByRole('cell').map((cell) => cell.textContent);
};

describe('RepairDialog', () => {
  it('shows, field by field, that repairing an orphan license creates progress with XP', async () => {
    const { api } = renderDialog([ok({ repairPreview: orphanPreview })]);
    const dialog = await screen.findByRole('dialog', { name: 'Repair this license?' });
    await within(dialog).findByTestId('repair-changes');
    expect(dialog.textContent).toContain('creates their progress at level 3 with 1,500 XP');
    expect(dialog.textContent).not.toMatch(/re-synchronised/);
    expect(cells('PROGRESS_TOTAL_XP')).toEqual(['none', '1,500']);
    expect(cells('PROGRESS_LEVEL')).toEqual(['none', '3']);
    expect(cells('LICENSE_LEVEL')).toEqual(['3', '3 unchanged']);
    expect(cells('LICENSE_MAX_ACHIEVED_LEVEL')).toEqual(['5', '5 unchanged']);
    expect(within(dialog).getByRole('rowheader', { name: 'Progress Total XP' })).toBeTruthy();
    expect(within(dialog).getByText('created')).toBeTruthy();
    expect(api.callsTo('RepairPreview')[0]!.variables).toEqual({ studentId: '42', specialization: 'PLAYER' });
  });

  it('keeps Repair unavailable until the changes are known', async () => {
    let release: (value: ReturnType<typeof ok>) => void = () => undefined;
    const api = createFakeApi(() => new Promise((resolve) => (release = resolve)));
    renderWithApi(<RepairDialog violation={orphan} busy={false} error={null} onConfirm={vi.fn()} onCancel={() => undefined} />, api);
    const repair = screen.getByRole('button', { name: 'Repair license' }) as HTMLButtonElement;
    expect(repair.disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(false);
    await waitFor(() => expect(api.calls).toHaveLength(1));
    release(ok({ repairPreview: orphanPreview }));
    await screen.findByTestId('repair-changes');
    expect(repair.disabled).toBe(false);
  });

  it('confirms what was shown when the pair is unchanged at the moment of repair', async () => {
    const user = userEvent.setup();
    const { api, onConfirm } = renderDialog([ok({ repairPreview: orphanPreview })]);
    await screen.findByTestId('repair-changes');
    await user.click(screen.getByRole('button', { name: 'Repair license' }));
    expect(api.callsTo('RepairPreview')).toHaveLength(2);
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it('says so when the pair changed since the preview, shows the new changes and waits for a new confirmation', async () => {
    const user = userEvent.setup();
    const moved = aRepairPreview({ studentId: '42' });
    const { onConfirm } = renderDialog([ok({ repairPreview: orphanPreview }), ok({ repairPreview: moved })]);
    await screen.findByTestId('repair-changes');
    await user.click(screen.getByRole('button', { name: 'Repair license' }));
    expect(await screen.findByText(/This pair changed since the changes were shown/)).toBeTruthy();
    expect(onConfirm).not.toHaveBeenCalled();
    expect(cells('LICENSE_LEVEL')).toEqual(['2', '4']);
    await user.click(screen.getByRole('button', { name: 'Repair license' }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it('says there is nothing to change when the pair is already consistent', async () => {
    const consistent = aRepairPreview({
      alreadyConsistent: true,
      action: null,
      violationType: null,
      license: 'UNCHANGED',
      changes: orphanPreview.changes.map((c) => ({ ...c, before: 3, after: 3, changed: false })),
    });
    renderDialog([ok({ repairPreview: consistent })]);
    expect(await screen.findByText(/Nothing needs to change/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Resolve violation' })).toBeTruthy();
  });

  it('explains a preview that cannot be loaded and never offers to repair blind', async () => {
    renderDialog([fail('NOT_FOUND')]);
    expect(await screen.findByText(/no longer exists/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Repair license' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
