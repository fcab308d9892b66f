import { actorOrigin, type AuditOrigin } from '../../domain/audit/audit.types';
import type { GraphQLContext } from '../context';

/** Who is asking, from where, for the audit trail: the viewer (if any), the client's address and the request id. */
export function originOf(ctx: GraphQLContext): AuditOrigin {
  return {
    actorId: ctx.viewer?.id ?? null,
    clientAddress: ctx.clientAddress === 'unknown' ? null : ctx.clientAddress,
    requestId: ctx.requestId || null,
  };
}

/** The same for a field the permission table opens only to signed-in callers (so the viewer is there). */
export function actorOf(ctx: GraphQLContext): AuditOrigin & { actorId: number } {
  const origin = originOf(ctx);
  return actorOrigin(ctx.viewer!.id, origin.clientAddress, origin.requestId);
}
