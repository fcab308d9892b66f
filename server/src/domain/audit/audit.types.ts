/** Who did it, from where: the actor (null for jobs and refused sign-ins) and the request that carried it. */
export interface AuditOrigin {
  readonly actorId: number | null;
  readonly clientAddress: string | null;
  readonly requestId: string | null;
}

/** The job's own origin: no actor, no client, no request. */
export const SYSTEM_ORIGIN: AuditOrigin = { actorId: null, clientAddress: null, requestId: null };

/** What is recorded: an action on a target, with the target before and after (secrets are redacted on the way in). */
export interface AuditRecord {
  readonly origin: AuditOrigin;
  readonly action: string;
  readonly targetType?: string | null;
  readonly targetId?: string | number | null;
  readonly before?: object | null;
  readonly after?: object | null;
}

/** One stored entry, as it is read and published (`auditLogAppended`). */
export interface AuditEntrySnapshot {
  readonly id: number;
  readonly action: string;
  readonly actorId: number | null;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  readonly clientAddress: string | null;
  readonly requestId: string | null;
  /** `…At`, so the event serializer revives it as a Date across processes. */
  readonly recordedAt: Date;
}

/** `auditLog`'s filter; every part optional. */
export interface AuditFilter {
  readonly actorId?: number;
  readonly action?: string;
  readonly targetType?: string;
  readonly since?: Date;
  readonly until?: Date;
}

/** A signed-in person's origin (the GraphQL context supplies the address and request id). */
export function actorOrigin(actorId: number, clientAddress: string | null = null, requestId: string | null = null): AuditOrigin & { actorId: number } {
  return { actorId, clientAddress, requestId };
}
