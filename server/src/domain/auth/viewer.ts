import type { Role } from '../shared/specialization';

/** Who is calling: the subject of a verified access token, as the user's row says now (sessions.service.ts). */
export interface Viewer {
  readonly id: number;
  readonly role: Role;
  /** Holding a one-time password: only `me`, `changePassword` and `signOut` until it is changed. */
  readonly mustChangePassword?: boolean;
}
