import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Id of the heading, so the section is labelled by it. */
  id: string;
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** A titled dashboard section: a landmark region labelled by its own heading. */
export function Panel({ title, id, actions, className, children }: PanelProps) {
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={id}>
      <header className="panel__header">
        <h2 className="panel__title" id={id}>
          {title}
        </h2>
        {actions ? <div className="panel__actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}
