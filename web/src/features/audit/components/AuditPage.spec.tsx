import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeApi, ok, renderWithApi } from '../../../test/fake-api';
import { anAuditEntry } from '../../../test/factories';
import type { AuditEntry } from '../audit-filters';
import { AuditPage } from './AuditPage';

function page(entries: AuditEntry[], totalCount = entries.length, endCursor: string | null = null) {
  return ok({ auditLog: { totalCount, pageInfo: { hasNextPage: endCursor !== null, endCursor }, edges: entries.map((node) => ({ node })) } });
}

const actors = ok({ users: { edges: [{ node: { id: '1', email: 'ada@levelsync.test', fullName: 'Ada Admin' } }] } });

function renderAudit(answer: Parameters<typeof createFakeApi>[0]) {
  const api = createFakeApi((operation, variables) => (operation === 'AuditActors' ? actors : answer(operation, variables)));
  renderWithApi(<AuditPage />, api);
  return api;
}

afterEach(() => vi.restoreAllMocks());

describe('AuditPage', () => {
  it('lists entries newest first, with a row for a failed sign-in that has no actor', async () => {
    renderAudit(() => page([anAuditEntry({ action: 'USER_UPDATED' }), anAuditEntry({ action: 'SIGN_IN_FAILED', actor: null, targetType: null, targetId: null, before: null, after: '{"email":"x@y.z"}' })]));
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows.map((row) => row.getAttribute('data-action'))).toEqual(['USER_UPDATED', 'SIGN_IN_FAILED']);
    expect(within(rows[1]!).getByText('Refused sign-in')).toBeTruthy();
    expect(within(rows[1]!).getByText('as x@y.z')).toBeTruthy();
    expect(screen.getByTestId('audit-count').textContent).toBe('2 entries');
  });

  it('puts an appended entry on top, marked new, and counts it', async () => {
    const api = renderAudit(() => page([anAuditEntry({ id: '10' })]));
    await screen.findAllByTestId('audit-row');
    await waitFor(() => expect(api.subscriberCount('AuditLogAppended')).toBe(1));
    api.push('AuditLogAppended', { auditLogAppended: anAuditEntry({ id: '11', action: 'PASSWORD_RESET' }) });
    const first = (await screen.findAllByTestId('audit-row'))[0]!;
    await waitFor(() => expect(screen.getAllByTestId('audit-row')[0]!.getAttribute('data-action')).toBe('PASSWORD_RESET'));
    expect(screen.getAllByTestId('audit-row')[0]!.getAttribute('data-new')).toBe('true');
    expect(within(screen.getAllByTestId('audit-row')[0]!).getByText('New')).toBeTruthy();
    expect(first).toBeTruthy();
    expect(screen.getByTestId('audit-count').textContent).toBe('2 entries');
  });

  it('reads page 1 again once a page of entries has been pushed, so it never grows without end', async () => {
    let newest = 10;
    const api = renderAudit(() => page(Array.from({ length: 50 }, (_, index) => anAuditEntry({ id: String(newest - index) })), 500));
    await screen.findAllByTestId('audit-row');
    await waitFor(() => expect(api.subscriberCount('AuditLogAppended')).toBe(1));
    for (let index = 0; index < 50; index += 1) {
      newest += 1;
      api.push('AuditLogAppended', { auditLogAppended: anAuditEntry({ id: String(newest) }) });
    }
    await waitFor(() => expect(api.callsTo('AuditLog')).toHaveLength(2));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(50));
    expect(screen.getAllByTestId('audit-row')[0]!.getAttribute('data-new')).toBe('true');
  });

  it('leaves out an appended entry the filter excludes', async () => {
    const api = renderAudit(() => page([anAuditEntry({ id: '10', action: 'SIGN_IN' })]));
    await screen.findAllByTestId('audit-row');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Action'), 'sign_in');
    await waitFor(() => expect(api.callsTo('AuditLog').at(-1)?.variables.filter).toMatchObject({ action: 'SIGN_IN' }));
    await waitFor(() => expect(api.subscriberCount('AuditLogAppended')).toBe(1));
    api.push('AuditLogAppended', { auditLogAppended: anAuditEntry({ id: '11', action: 'USER_CREATED' }) });
    api.push('AuditLogAppended', { auditLogAppended: anAuditEntry({ id: '12', action: 'SIGN_IN' }) });
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(2));
    expect(screen.getAllByTestId('audit-row').map((row) => row.getAttribute('data-action'))).toEqual(['SIGN_IN', 'SIGN_IN']);
  });

  it('sends the actor and the time range as the filter', async () => {
    const api = renderAudit(() => page([anAuditEntry()]));
    await screen.findAllByTestId('audit-row');
    await screen.findByRole('option', { name: 'Ada Admin (ada@levelsync.test)' });
    await userEvent.setup().selectOptions(screen.getByLabelText('Actor'), '1');
    fireEvent.change(screen.getByLabelText('Since'), { target: { value: '2026-12-01T08:00' } });
    await waitFor(() =>
      expect(api.callsTo('AuditLog').at(-1)?.variables).toEqual({
        first: 50,
        after: null,
        filter: { actorId: '1', action: null, targetType: null, since: new Date('2026-12-01T08:00').toISOString(), until: null },
      }),
    );
  });

  it('shows before and after, indented, with the keys that changed', async () => {
    renderAudit(() => page([anAuditEntry({ before: '{"role":"VIEWER","isActive":true}', after: '{"role":"ADMIN","isActive":true}' })]));
    await userEvent.setup().click(await screen.findByRole('button', { name: /^Details/ }));
    const details = screen.getByTestId('audit-details');
    expect(within(details).getByText('role')).toBeTruthy();
    expect(details.textContent).toContain('"role": "VIEWER"');
    expect(details.textContent).toContain('"role": "ADMIN"');
  });

  it('exports every page of the filtered trail as one CSV', async () => {
    let blob: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((value) => {
      blob = value as Blob;
      return 'blob:audit';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const api = renderAudit((_operation, variables) => {
      if (variables.first === 100) return variables.after ? page([anAuditEntry({ id: '2', action: 'SIGN_IN' })], 2) : page([anAuditEntry({ id: '3', action: 'USER_CREATED' })], 2, 'cursor-3');
      return page([anAuditEntry({ id: '3', action: 'USER_CREATED' })], 2, 'cursor-3');
    });
    await screen.findAllByTestId('audit-row');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const exports = api.callsTo('AuditLog').filter((call) => call.variables.first === 100);
    expect(exports.map((call) => call.variables.after)).toEqual([null, 'cursor-3']);
    expect((exports[0]!.variables.filter as { until: string | null }).until).not.toBeNull();
    const lines = (await blob!.text()).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^3,.*,USER_CREATED,/);
    expect(lines[2]).toMatch(/^2,.*,SIGN_IN,/);
  });
});
