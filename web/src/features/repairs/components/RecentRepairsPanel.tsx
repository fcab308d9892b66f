import { Panel } from '../../../shared/components/Panel';
import { RelativeTime } from '../../../shared/components/RelativeTime';
import { formatEnum } from '../../../shared/format/format-enum';
import { formatNumber } from '../../../shared/format/format-number';
import { useLiveQuery } from '../../connection/hooks/useLiveQuery';
import { afterRepairsToo } from '../../connection/refresh-bus';
import { RecentRepairsQuery } from '../graphql/recent-repairs.query';
import { describeAction, describeActor, describeChange } from '../repair';

const shown = 10;

interface RecentRepairsPanelProps {
  now: number;
}

/**
 * The repair audit, newest first. Refetched on the same events as the violations table (reconnect,
 * finished run, repair), so a repair made here or by a job shows up without polling.
 */
export function RecentRepairsPanel({ now }: RecentRepairsPanelProps) {
  const [{ data, error }] = useLiveQuery({ query: RecentRepairsQuery, variables: { first: shown } }, { refreshOn: afterRepairsToo });
  const connection = data?.repairs;
  const repairs = connection?.edges.map((edge) => edge.node) ?? [];

  return (
    <Panel
      title="Recent repairs"
      id="repairs-title"
      className="repairs-panel"
      actions={
        connection ? (
          <span className="repairs__total" data-testid="repairs-total">
            {formatNumber(connection.totalCount)} in the audit log
          </span>
        ) : null
      }
    >
      {error && !connection ? (
        <p className="panel-empty">The repair audit is unavailable right now.</p>
      ) : !connection ? (
        <p className="panel-empty">Loading repairs…</p>
      ) : repairs.length === 0 ? (
        <p className="panel-empty" data-testid="no-repairs">
          No repairs yet. Repairs made here, by auto-sync or by the enforcer are listed with who made them.
        </p>
      ) : (
        <ol className="repairs" aria-label="Latest repairs, newest first">
          {repairs.map((repair) => (
            <li key={repair.id} className="repairs__item" data-testid="repair-row">
              <span className="repairs__when">
                <RelativeTime iso={repair.createdAt} now={now} />
              </span>
              <span className="repairs__what">
                {/* Names are user-provided: rendered as text, never as HTML. */}
                <span className="repairs__student">{repair.student.fullName}</span>
                <span className="repairs__sub">
                  {formatEnum(repair.specialization)} · {describeAction(repair.action)}
                </span>
              </span>
              <span className="repairs__change mono">{describeChange(repair)}</span>
              <span className="repairs__who">by {describeActor(repair)}</span>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
