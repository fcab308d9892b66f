import type { Role } from '../shared/specialization';

/** What a session check reads of the user's row (user.repository.ts reads it, sessions.service.ts judges it). */
export interface SessionState {
  readonly role: Role;
  readonly isActive: boolean;
  readonly sessionVersion: number;
  readonly mustChangePassword: boolean;
}
