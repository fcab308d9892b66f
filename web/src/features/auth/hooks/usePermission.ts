import { useContext } from 'react';
import { formatEnum } from '../../../shared/format/format-enum';
import { SessionContext } from '../session-context';

/** Whether the signed-in user's role may run an operation, and if not, why (for a disabled control's tooltip). */
export type Permission = { allowed: true; reason: null } | { allowed: false; reason: string };

/**
 * The server's permission table decides (it refuses what a role may not run); this only keeps the
 * dashboard from offering it. `field` is `Type.field` as in `me.permissions`; `action` says what the
 * control does ("run checks"). Outside a session (component tests) nothing is gated.
 */
export function usePermission(field: string, action: string): Permission {
  const session = useContext(SessionContext)?.session;
  if (!session || session.user.permissions.includes(field)) return { allowed: true, reason: null };
  return { allowed: false, reason: `Your role (${formatEnum(session.user.role)}) cannot ${action}. Ask an admin if you need to.` };
}
