import type { Role } from '../shared/specialization';

/** Who is calling: the verified subject of an access token. */
export interface Viewer {
  readonly id: number;
  readonly role: Role;
}
