import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeApi, ok, renderWithApi } from '../../../test/fake-api';
import { aRepairPreview, aViolation } from '../../../test/factories';
import type { Violation } from '../violation';
import { ViolationsPanel } from './ViolationsPanel';

function connection(violations: Violation[], hasNextPage = false, hasPreviousPage = false) {
  return ok({
    violations: {
      totalCount: violations.length,
      pageInfo: {
        hasNextPage,
        hasPreviousPage,
        startCursor: violations.length ? `c-${violations[0]!.id}` : null,
        endCursor: hasNextPage ? 'cursor-1' : null,
      },
      edges: violations.map((node) => ({ cursor: `c-${node.id}`, node })),
    },
  });
}

describe('ViolationsPanel', () => {
  it('shows a clear "No violations" state', async () => {
    renderWithApi(<ViolationsPanel now={Date.now()} />, createFakeApi(() => connection([])));
    expect(await screen.findByText('No violations')).toBeTruthy();
    expect(screen.getByTestId('violations-count').textContent).toBe('0 open violations');
  });

  it('counts a repaired row out at once, and removes it once the list refetches', async () => {
    let open = [aViolation({ id: '1' }), aViolation({ id: '2', student: { id: '9', fullName: 'Noah Okafor', email: 'n@example.edu' } })];
    const api = createFakeApi((operation, variables) => {
      if (operation === 'RepairPreview') return ok({ repairPreview: aRepairPreview({ studentId: String(variables.studentId) }) });
      if (operation === 'ResyncLicense') {
        open = open.filter((v) => v.student.id !== variables.studentId);
        return ok({ resyncLicense: { id: 'r1' } });
      }
      return connection(open);
    });
    renderWithApi(<ViolationsPanel now={Date.now()} />, api);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Repair Player license of Noah Okafor' }));
    await within(screen.getByRole('dialog')).findByTestId('repair-changes');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Repair license' }));

    expect(await screen.findByText('1 open violation')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Noah Okafor')).toBeNull());
    expect(screen.getByTestId('violations-count').textContent).toBe('1 open violation');
    expect(api.callsTo('Violations')).toHaveLength(2);
    expect(api.callsTo('ResyncLicense')[0].variables).toEqual({ studentId: '9', specialization: 'PLAYER' });
  });

  it('closes the dialog and drops the row when the pair was already fixed by someone else', async () => {
    let open = [aViolation({ id: '1' })];
    const api = createFakeApi((operation) => {
      if (operation === 'RepairPreview') return ok({ repairPreview: aRepairPreview() });
      if (operation === 'ResyncLicense') {
        open = [];
        return { body: { data: null, errors: [{ message: 'already consistent', extensions: { code: 'CONFLICT', reason: 'ALREADY_CONSISTENT' } }] } };
      }
      return connection(open);
    });
    renderWithApi(<ViolationsPanel now={Date.now()} />, api);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: /^Repair/ }));
    await within(screen.getByRole('dialog')).findByTestId('repair-changes');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Repair license' }));

    expect(await screen.findByText('No violations')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('searches by name or email, and by ID when only digits are typed', async () => {
    const api = createFakeApi(() => connection([aViolation()]));
    renderWithApi(<ViolationsPanel now={Date.now()} />, api);
    const user = userEvent.setup();
    const box = await screen.findByRole('searchbox', { name: 'Student' });

    await user.type(box, 'okafor{Enter}');
    expect(api.callsTo('Violations').at(-1)!.variables.filter).toMatchObject({ student: 'okafor', studentId: null });
    await user.clear(box);
    await user.type(box, '#42{Enter}');
    expect(api.callsTo('Violations').at(-1)!.variables.filter).toMatchObject({ student: null, studentId: '42' });
  });

  it('filters by type and specialization and pages with cursors', async () => {
    const api = createFakeApi(() => connection([aViolation()], true));
    renderWithApi(<ViolationsPanel now={Date.now()} />, api);
    const user = userEvent.setup();
    await screen.findByTestId('violation-row');

    await user.selectOptions(screen.getByLabelText('Type'), 'MISSING_LICENSE');
    await user.selectOptions(screen.getByLabelText('Specialization'), 'COACH');
    await user.click(await screen.findByRole('button', { name: /Next/ }));

    const last = api.callsTo('Violations').at(-1)!;
    expect(last.variables).toMatchObject({
      first: 25,
      after: 'cursor-1',
      filter: { type: 'MISSING_LICENSE', specialization: 'COACH', studentId: null, student: null, includeResolved: false },
    });
  });

  it('pages back from the start of the page on screen, and to the newest rows on page 1', async () => {
    const api = createFakeApi((_operation, variables) => {
      const page = variables.after === 'cursor-1' ? 'p' : variables.before ? 'b' : 'n';
      return connection([aViolation({ id: `${page}${String(variables.after ?? variables.before ?? '')}` })], true, page !== 'n');
    });
    renderWithApi(<ViolationsPanel now={Date.now()} />, api);
    const user = userEvent.setup();
    await screen.findByTestId('violation-row');

    await user.click(screen.getByRole('button', { name: /Next/ }));
    await user.click(screen.getByRole('button', { name: /Next/ }));
    expect(api.callsTo('Violations').at(-1)!.variables).toMatchObject({ first: 25, after: 'cursor-1' });
    await screen.findByText(/^51–51 of/);

    await user.click(screen.getByRole('button', { name: /Previous/ }));
    const back = api.callsTo('Violations').at(-1)!.variables;
    expect(back).toMatchObject({ last: 25, before: 'c-pcursor-1' });
    expect(back).not.toHaveProperty('first');
    await screen.findByText(/^26–26 of/);

    await user.click(screen.getByRole('button', { name: /Previous/ }));
    expect(api.callsTo('Violations').at(-1)!.variables).toMatchObject({ first: 25, after: null });
    expect(screen.getByRole('button', { name: /Previous/ })).toHaveProperty('disabled', true);
  });
});
