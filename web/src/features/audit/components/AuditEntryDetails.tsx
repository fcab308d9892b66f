import type { ReactNode } from 'react';
import { changedKeys, formatAuditJson } from '../audit-json';
import type { AuditEntry } from '../audit-filters';

/** Before and after side by side (secrets were redacted by the server), with the keys that changed. */
export function AuditEntryDetails({ entry }: { entry: AuditEntry }) {
  const before = formatAuditJson(entry.before);
  const after = formatAuditJson(entry.after);
  const changed = changedKeys(entry.before, entry.after);
  return (
    <div className="audit-details" data-testid="audit-details">
      {changed.length > 0 ? (
        <p className="audit-details__changed">
          Changed: {changed.map((key) => <code key={key}>{key}</code>).reduce<ReactNode[]>((all, node, index) => (index === 0 ? [node] : [...all, ', ', node]), [])}
        </p>
      ) : null}
      <div className="audit-details__sides">
        <figure className="audit-details__side">
          <figcaption>Before</figcaption>
          {before === null ? <p className="audit-details__none">Nothing (created)</p> : <pre className="mono">{before}</pre>}
        </figure>
        <figure className="audit-details__side">
          <figcaption>After</figcaption>
          {after === null ? <p className="audit-details__none">Nothing (removed or not a change)</p> : <pre className="mono">{after}</pre>}
        </figure>
      </div>
      <dl className="audit-details__meta">
        <dt>Request</dt>
        <dd className="mono">{entry.requestId ?? '—'}</dd>
        <dt>Entry</dt>
        <dd className="mono">#{entry.id}</dd>
      </dl>
    </div>
  );
}
