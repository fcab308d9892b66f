import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createFakeApi, ok, renderWithApi } from '../../../test/fake-api';
import type { Alert, AlertRule } from '../alert';
import { aRule } from '../../../test/alert-fixtures';
import { useAlertEvents } from '../hooks/useAlertEvents';
import { AlertsStrip } from './AlertsStrip';

function anAlert(patch: Partial<Alert> = {}): Alert {
  return {
    __typename: 'Alert',
    id: 'a1',
    state: 'FIRING',
    severity: 'CRITICAL',
    suppressedBy: null,
    escalatedAt: null,
    value: 92.5,
    startedAt: new Date(Date.now() - 120_000).toISOString(),
    resolvedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    rule: { __typename: 'AlertRule', id: 'r1', name: 'Consistency rate', metric: 'CONSISTENCY_RATE', state: 'FIRING', severity: 'CRITICAL', warning: 99, critical: 95, forSeconds: 0, silencedUntil: null, silenceReason: null },
    ...patch,
  } as Alert;
}

function Strip() {
  const pushes = useAlertEvents();
  return <AlertsStrip pushes={pushes} now={Date.now()} onOpenRules={() => undefined} />;
}

const answer = (alerts: Alert[], rules: AlertRule[] = []) => ok({ alerts: { edges: alerts.map((node) => ({ node })) }, alertRules: rules });

describe('AlertsStrip', () => {
  it('says nothing fires when nothing does', async () => {
    renderWithApi(<Strip />, createFakeApi(() => answer([], [aRule()])));
    expect(await screen.findByText('No alerts firing.')).toBeTruthy();
  });

  it('shows a pushed CRITICAL at once, with its value, threshold and age, and a PENDING rule below it', async () => {
    const api = createFakeApi(() => answer([], [aRule({ id: 'r2', name: 'API p95 latency', metric: 'API_P95_LATENCY_MS', state: 'PENDING', value: 260, forSeconds: 60 })]));
    renderWithApi(<Strip />, api);
    await screen.findByTestId('pending-alert');
    await waitFor(() => expect(api.subscriberCount('AlertsChanged')).toBe(1));

    api.push('AlertsChanged', { alertsChanged: anAlert() });
    const firing = await screen.findByTestId('firing-alert');
    expect(firing.getAttribute('data-severity')).toBe('CRITICAL');
    expect(firing.textContent).toContain('Critical');
    expect(firing.textContent).toContain('92.5 %');
    expect(firing.textContent).toContain('(threshold 95 %)');
    expect(firing.textContent).toMatch(/since 2 min\. ago/);
    expect(screen.getByTestId('pending-alert').textContent).toContain('260 ms');
    // The push also made the strip's query refetch (coalesced): the first answer and one more.
    await waitFor(() => expect(api.callsTo('ActiveAlerts').length).toBe(2));
  });

  it('acknowledges and silences the alert with the server, the silence 15 minutes from now', async () => {
    let alert = anAlert();
    const api = createFakeApi((operation, variables) => {
      if (operation === 'AcknowledgeAlert') {
        alert = { ...alert, acknowledgedAt: new Date().toISOString(), acknowledgedBy: { __typename: 'User', id: '1', fullName: 'Ada Admin' } } as Alert;
        return ok({ acknowledgeAlert: alert });
      }
      if (operation === 'SilenceAlerts') return ok({ silenceAlerts: aRule({ id: String(variables.ruleId) }) });
      return answer([alert]);
    });
    renderWithApi(<Strip />, api);
    const user = userEvent.setup();
    const firing = await screen.findByTestId('firing-alert');

    await user.click(within(firing).getByRole('button', { name: 'Acknowledge' }));
    expect((await within(firing).findByTestId('alert-acknowledged')).textContent).toContain('Acknowledged by Ada Admin');
    expect(api.callsTo('AcknowledgeAlert')[0]!.variables).toEqual({ id: 'a1' });
    expect(within(firing).queryByRole('button', { name: 'Acknowledge' })).toBeNull();

    await user.click(within(firing).getByRole('button', { name: 'Silence Consistency rate' }));
    const before = Date.now();
    await user.click(within(firing).getByRole('button', { name: 'For 15 min' }));
    await waitFor(() => expect(api.callsTo('SilenceAlerts')).toHaveLength(1));
    const { ruleId, until, reason } = api.callsTo('SilenceAlerts')[0]!.variables as { ruleId: string; until: string; reason: string };
    expect(ruleId).toBe('r1');
    expect(reason).toBe('Silenced from the dashboard');
    expect(Date.parse(until) - before).toBeGreaterThanOrEqual(15 * 60_000 - 1_000);
    expect(Date.parse(until) - before).toBeLessThanOrEqual(15 * 60_000 + 5_000);
    await waitFor(() => expect(within(firing).queryByRole('button', { name: 'For 15 min' })).toBeNull());
  });

  it('marks a silenced rule’s alert (until when, why) and ends the silence on request', async () => {
    const until = new Date(Date.now() + 15 * 60_000).toISOString();
    const silenced = anAlert({ suppressedBy: 'Workers online', rule: { ...anAlert().rule, silencedUntil: until, silenceReason: 'deploying' } });
    const api = createFakeApi((operation) => (operation === 'UnsilenceAlerts' ? ok({ unsilenceAlerts: aRule() }) : answer([silenced])));
    renderWithApi(<Strip />, api);
    const user = userEvent.setup();
    const firing = await screen.findByTestId('firing-alert');
    expect(within(firing).getByTestId('alert-silenced').textContent).toMatch(/^Silenced until .* — deploying$/);
    expect(within(firing).getByTestId('alert-suppressed').textContent).toContain('Suppressed by Workers online');
    await user.click(within(firing).getByRole('button', { name: 'End silence' }));
    await waitFor(() => expect(api.callsTo('UnsilenceAlerts')[0]?.variables).toEqual({ ruleId: 'r1' }));
  });

  it('drops an alert whose resolution is pushed', async () => {
    const api = createFakeApi(() => answer([anAlert()]));
    renderWithApi(<Strip />, api);
    await screen.findByTestId('firing-alert');
    await waitFor(() => expect(api.subscriberCount('AlertsChanged')).toBe(1));
    api.push('AlertsChanged', { alertsChanged: anAlert({ resolvedAt: new Date().toISOString() }) });
    await waitFor(() => expect(screen.queryByTestId('firing-alert')).toBeNull());
  });
});
