import { Panel } from '../../../shared/components/Panel';
import { afterAlertChanges } from '../../connection/refresh-bus';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import type { NotificationDelivery } from '../alert';
import { NotificationChannelsQuery } from '../graphql/notification-channels.query';
import { useChannelActions } from '../hooks/useChannelActions';
import { ChannelCreateForm } from './ChannelCreateForm';

interface ChannelsPanelProps {
  selectedId: string | null;
  onSelect: (channelId: string | null) => void;
}

/** The channels alerts go to: add one, send it a test, open its deliveries. */
export function ChannelsPanel({ selectedId, onSelect }: ChannelsPanelProps) {
  const [{ data, error }] = useLiveQuery({ query: NotificationChannelsQuery }, { refreshOn: afterAlertChanges });
  const actions = useChannelActions();
  const channels = data?.notificationChannels ?? [];

  return (
    <Panel title="Notification channels" id="channels-title" className="channels-panel">
      {error && !data ? (
        <p className="panel-empty">The channels are unavailable right now.</p>
      ) : !data ? (
        <p className="panel-empty">Loading the channels…</p>
      ) : channels.length === 0 ? (
        <p className="panel-empty">No channel yet: alerts show here but notify no one. Add one below.</p>
      ) : (
        <ul className="channel-list" data-testid="channels">
          {channels.map((channel) => {
            const test = actions.tests[channel.id];
            return (
              <li key={channel.id} className={`channel-item${selectedId === channel.id ? ' channel-item--selected' : ''}`} data-channel-id={channel.id}>
                <span className="kind-chip">{channel.kind}</span>
                <span className="channel-item__name">
                  {channel.name}
                  <span className="data-table__sub">
                    {channel.target ?? 'no target'}
                    {channel.hasSecret ? ' · secret stored' : ''}
                    {channel.previousSecretUntil ? ' · previous secret still signs (rotation)' : ''}
                    {channel.enabled ? '' : ' · disabled'}
                  </span>
                </span>
                <span className="channel-item__test" role="status">
                  {test ? <TestResult test={test} /> : null}
                </span>
                <span className="channel-item__actions">
                  <button
                    type="button"
                    className="button button--small"
                    disabled={actions.testing.has(channel.id)}
                    onClick={() => void actions.sendTest(channel.id)}
                    aria-label={`Send a test notification to ${channel.name}`}
                  >
                    {actions.testing.has(channel.id) ? 'Sending…' : 'Send test'}
                  </button>
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    aria-pressed={selectedId === channel.id}
                    onClick={() => onSelect(selectedId === channel.id ? null : channel.id)}
                  >
                    Deliveries
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <h3 className="panel__subtitle">Add a channel</h3>
      <ChannelCreateForm creating={actions.creating} error={actions.error} onCreate={actions.create} />
    </Panel>
  );
}

function TestResult({ test }: { test: NotificationDelivery | { error: string } }) {
  if ('error' in test) return <span className="text-critical">{test.error}</span>;
  const delivered = test.deliveredAt !== null;
  return (
    <span className={delivered ? 'text-healthy' : 'text-critical'} data-testid="test-result">
      {delivered ? 'Test delivered' : `Test ${test.status.toLowerCase()}`} after {test.attempts} attempt{test.attempts === 1 ? '' : 's'}
      {test.lastError ? `: ${test.lastError}` : ''}
    </span>
  );
}
