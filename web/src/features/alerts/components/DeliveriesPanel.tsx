import { Fragment, useState } from 'react';
import { Panel } from '../../../shared/components/Panel';
import { RelativeTime } from '../../../shared/components/RelativeTime';
import { formatDuration } from '../../../shared/format/format-duration';
import { formatTimestamp } from '../../../shared/format/format-relative-time';
import { afterAlertChanges } from '../../connection/refresh-bus';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import { DeliveryAttemptsQuery } from '../graphql/delivery-attempts.query';
import type { NotificationDelivery } from '../alert';
import { NotificationDeliveriesQuery } from '../graphql/notification-deliveries.query';

const pageSize = 50;

/**
 * One row per (transition, channel), newest first: its event, outcome, attempts and last error; a
 * row opens its attempt log. "Dead letters only" is the list of what was refused or ran out of retries.
 */
export function DeliveriesPanel({ channelId, now }: { channelId: string | null; now: number }) {
  const [deadOnly, setDeadOnly] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [{ data, error }] = useLiveQuery(
    { query: NotificationDeliveriesQuery, variables: { first: pageSize, channelId, deadOnly } },
    { refreshOn: afterAlertChanges },
  );
  const edges = data?.notificationDeliveries.edges ?? [];

  return (
    <Panel
      title={channelId ? 'Deliveries of this channel' : 'Deliveries'}
      id="deliveries-title"
      className="deliveries-panel"
      actions={
        <label className="checkbox">
          <input type="checkbox" checked={deadOnly} onChange={(event) => setDeadOnly(event.target.checked)} />
          Dead letters only
        </label>
      }
    >
      {error && !data ? (
        <p className="panel-empty">The deliveries are unavailable right now.</p>
      ) : !data ? (
        <p className="panel-empty">Loading the deliveries…</p>
      ) : edges.length === 0 ? (
        <p className="panel-empty">{deadOnly ? 'No dead letters: everything sent was delivered or is still being retried.' : 'Nothing sent yet.'}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="deliveries">
            <thead>
              <tr>
                <th scope="col">Queued</th>
                <th scope="col">Event</th>
                <th scope="col">Channel</th>
                <th scope="col">Alert</th>
                <th scope="col">Status</th>
                <th scope="col" className="numeric">
                  Attempts
                </th>
                <th scope="col">Last error</th>
                <th scope="col">
                  <span className="visually-hidden">Attempt log</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {edges.map(({ node: delivery }, index) => (
                <Fragment key={delivery.id}>
                  <tr data-delivery-id={delivery.id} data-status={delivery.status}>
                    <td>
                      <RelativeTime iso={delivery.createdAt} now={now} />
                    </td>
                    <td>
                      <code>{delivery.event}</code>
                    </td>
                    <td>{delivery.channel.name}</td>
                    <td>{delivery.alert ? `${delivery.alert.rule.name} (${delivery.alert.severity.toLowerCase()})` : '—'}</td>
                    <td>
                      <span className={`delivery-status delivery-status--${delivery.status.toLowerCase()}`}>{delivery.status.toLowerCase()}</span>
                      {delivery.deliveredAt ? (
                        <span className="data-table__sub">
                          <RelativeTime iso={delivery.deliveredAt} now={now} />
                        </span>
                      ) : null}
                    </td>
                    <td className="numeric">{delivery.attempts}</td>
                    <td className="data-table__error">{delivery.lastError ?? '—'}</td>
                    <td className="data-table__action">
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        aria-expanded={openId === delivery.id}
                        disabled={delivery.attempts === 0}
                        onClick={() => setOpenId(openId === delivery.id ? null : delivery.id)}
                      >
                        Attempts
                      </button>
                    </td>
                  </tr>
                  {openId === delivery.id ? (
                    <tr className="data-table__editor">
                      <td colSpan={8}>
                        <AttemptLog delivery={delivery} after={index === 0 ? null : edges[index - 1]!.cursor} channelId={channelId} deadOnly={deadOnly} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

interface AttemptLogProps {
  delivery: NotificationDelivery;
  /** The previous row's cursor: with the list's filter, the page of one right after it is this delivery. */
  after: string | null;
  channelId: string | null;
  deadOnly: boolean;
}

function AttemptLog({ delivery, after, channelId, deadOnly }: AttemptLogProps) {
  const [{ data, error }] = useLiveQuery({ query: DeliveryAttemptsQuery, variables: { after, channelId, deadOnly } }, { refreshOn: afterAlertChanges });
  const node = data?.notificationDeliveries.edges[0]?.node;
  const attempts = node?.id === delivery.id ? node.attemptLog : null;
  if (error && !data) return <p className="panel-empty">The attempt log is unavailable right now.</p>;
  if (!attempts) return <p className="panel-empty">{data ? 'This delivery moved in the list: open it again.' : 'Loading the attempts…'}</p>;
  return (
    <div className="attempt-log">
      <p className="data-table__sub">
        Event id <code>{delivery.eventId}</code>: the same on every try, so the receiver can drop repeats.
      </p>
      <ol className="transition-list" aria-label="Attempts" data-testid="attempt-log">
        {attempts.map((attempt, index) => (
          <li key={attempt.at + index} className="attempt-log__item">
            <span>{formatTimestamp(attempt.at)}</span>
            <span className={attempt.error ? 'text-critical' : 'text-healthy'}>{attempt.statusCode ?? 'no answer'}</span>
            <span>{formatDuration(attempt.durationMs)}</span>
            <span className="data-table__error">{attempt.error ?? 'ok'}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
