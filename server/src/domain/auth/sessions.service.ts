import type { Orm } from '../database/database';
import { withEntityManager } from '../database/entity-manager-scope';
import { unauthenticated } from '../errors/domain-error';
import { publishSafely } from '../events/publish-safely';
import { TOPICS, type EventPublisher } from '../events/topics';
import type { Logger } from '../logging/logger';
import type { UserRepository } from '../users/user.repository';
import type { SessionState } from './session-state';
import type { TokenService } from './token.service';
import type { Viewer } from './viewer';

/** A signed-in caller: the viewer as the row says now, the version their token carries, and when it expires. */
export type Session = Viewer & { readonly sessionVersion: number; readonly expiresAt: Date };

/** Told when a user's sessions older than `sessionVersion` end (here or on another replica): close their sockets. */
export type RevocationListener = (userId: number, sessionVersion: number) => void;

interface CachedState {
  readonly state: SessionState | null;
  readonly checkedAt: number;
}

/** Users remembered at once per replica; the longest remembered is forgotten first. */
const MAX_CACHED_USERS = 50_000;

const REVOKED = 'This session has ended (the account was changed or deactivated); sign in again.';

/**
 * Whether a token's session is still alive. A signed token proves who it was issued to; the user's
 * row says whether that still holds: the account active and its `session_version` no higher than the
 * token's. Deactivating a user, changing their role or resetting their password raises the version.
 *
 * Each replica remembers a user's row for SESSION_CHECK_SECONDS, so a request costs a map lookup
 * and a user costs one indexed read per replica per interval. A change does not wait for the cache:
 * `revoke` publishes USER_SESSIONS_REVOKED, on which every replica (this one included) forgets the
 * user at once and closes their WebSockets.
 */
export class SessionsService {
  private readonly cache = new Map<number, CachedState>();
  private readonly reading = new Map<number, Promise<SessionState | null>>();
  private readonly listeners = new Set<RevocationListener>();

  constructor(
    private readonly orm: Orm,
    private readonly tokens: Pick<TokenService, 'verify'>,
    private readonly users: Pick<UserRepository, 'findSessionState'>,
    private readonly events: EventPublisher,
    private readonly checkSeconds: number,
    private readonly logger?: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The caller of a token, or UNAUTHENTICATED: a bad or expired token, an inactive account, a revoked session. */
  async authenticate(token: string): Promise<Session> {
    const verified = await this.tokens.verify(token);
    const state = await this.stateOf(verified.id);
    if (!state || !state.isActive || verified.sessionVersion < state.sessionVersion) throw unauthenticated(REVOKED);
    return {
      id: verified.id,
      role: state.role,
      mustChangePassword: state.mustChangePassword,
      sessionVersion: verified.sessionVersion,
      expiresAt: verified.expiresAt,
    };
  }

  /**
   * After a committed change to the user's sessions: forgets them here, tells this replica's sockets
   * and every other replica. Tokens older than `sessionVersion` stop working everywhere within the
   * event's delivery, and within SESSION_CHECK_SECONDS even if the event is lost.
   */
  async revoke(userId: number, sessionVersion: number): Promise<void> {
    this.revoked(userId, sessionVersion);
    await publishSafely(this.events, TOPICS.USER_SESSIONS_REVOKED, { userId, sessionVersion }, this.logger);
  }

  /** USER_SESSIONS_REVOKED from the event bus (any replica's, this one's included). */
  revoked(userId: number, sessionVersion: number): void {
    this.cache.delete(userId);
    // A read begun before the change may answer what the row was: it must not be remembered.
    this.reading.delete(userId);
    for (const listener of this.listeners) listener(userId, sessionVersion);
  }

  onRevoked(listener: RevocationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async stateOf(userId: number): Promise<SessionState | null> {
    const cached = this.cache.get(userId);
    if (cached && this.now() - cached.checkedAt < this.checkSeconds * 1000) return cached.state;
    // Concurrent requests of one user (a dashboard's burst) share one read.
    const inFlight = this.reading.get(userId);
    if (inFlight) return inFlight;
    const read = withEntityManager(this.orm, () => this.users.findSessionState(userId))
      .then((state) => {
        if (this.reading.get(userId) !== read) return state;
        if (this.cache.size >= MAX_CACHED_USERS) this.cache.delete(this.cache.keys().next().value as number);
        this.cache.delete(userId);
        this.cache.set(userId, { state, checkedAt: this.now() });
        return state;
      })
      .finally(() => {
        if (this.reading.get(userId) === read) this.reading.delete(userId);
      });
    this.reading.set(userId, read);
    return read;
  }
}
