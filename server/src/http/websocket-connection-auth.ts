import { CloseCode } from 'graphql-ws';
import type { WebSocket } from 'ws';
import type { SessionsService } from '../domain/auth/sessions.service';
import { bearerToken } from '../graphql/common/bearer-token';
import { TOO_MANY_CONNECTIONS, type WebSocketGuards, type WsContext } from './websocket-guards';

/** The longest delay setTimeout honours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Who may hold a graphql-ws connection: any signed-in user. The connection is authenticated in
 * connection_init: a missing or bad token closes with 4401, a user over their connection budget with
 * 4429; and a connection is closed when its token expires (by a timer, and at the latest when an event
 * would reach it after the expiry). What a role may do is decided per operation, as over HTTP: a
 * student's subscription to an admin-only field is refused with FORBIDDEN by the auth checker when its
 * source stream is set up (before any event), and the connection stays open for what the student may run.
 *
 * A revoked session (the user deactivated, their role changed, their password reset, signed out) closes
 * the user's connections opened with an older session at once, with 4401, on every replica: the
 * sessions service tells each replica (USER_SESSIONS_REVOKED).
 */
export class WebSocketConnectionAuth {
  private readonly expiresAt = new WeakMap<WebSocket, number>();
  private readonly expiryTimers = new WeakMap<WebSocket, NodeJS.Timeout>();
  /** Open connections by user, with the session version each was opened with. */
  private readonly socketsOfUser = new Map<number, Map<WebSocket, number>>();
  private readonly userOfSocket = new WeakMap<WebSocket, number>();

  constructor(
    private readonly sessions: Pick<SessionsService, 'authenticate' | 'onRevoked'>,
    private readonly guards: WebSocketGuards,
  ) {
    // Lives as long as the server; the socket server's disposal closes the sockets themselves.
    sessions.onRevoked((userId, sessionVersion) => this.closeRevoked(userId, sessionVersion));
  }

  /** For graphql-ws's onConnect: true accepts the connection; false comes after closing the socket with the reason. */
  readonly onConnect = async (ctx: WsContext): Promise<boolean> => {
    const { socket } = ctx.extra;
    const token = bearerToken(ctx.connectionParams?.authorization);
    if (!token) {
      socket.close(CloseCode.Unauthorized, 'Unauthorized: send { authorization: "Bearer <token>" } in connection_init');
      return false;
    }
    try {
      const viewer = await this.sessions.authenticate(token);
      if (!this.guards.admit(socket, viewer.id)) {
        socket.close(TOO_MANY_CONNECTIONS, 'Too many connections for this user');
        return false;
      }
      this.track(socket, viewer.id, viewer.sessionVersion);
      this.expiresAt.set(socket, viewer.expiresAt.getTime());
      this.closeWhenExpired(socket, viewer.expiresAt.getTime());
      return true;
    } catch (error) {
      socket.close(CloseCode.Unauthorized, `Unauthorized: ${(error as Error).message}`.slice(0, 120));
      return false;
    }
  };

  readonly onClose = (ctx: WsContext): void => {
    const timer = this.expiryTimers.get(ctx.extra.socket);
    if (timer) clearTimeout(timer);
    this.untrack(ctx.extra.socket);
    this.guards.release(ctx.extra.socket);
  };

  private track(socket: WebSocket, userId: number, sessionVersion: number): void {
    let sockets = this.socketsOfUser.get(userId);
    if (!sockets) {
      sockets = new Map();
      this.socketsOfUser.set(userId, sockets);
    }
    sockets.set(socket, sessionVersion);
    this.userOfSocket.set(socket, userId);
  }

  private untrack(socket: WebSocket): void {
    const userId = this.userOfSocket.get(socket);
    if (userId === undefined) return;
    const sockets = this.socketsOfUser.get(userId);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.socketsOfUser.delete(userId);
  }

  private closeRevoked(userId: number, sessionVersion: number): void {
    for (const [socket, version] of this.socketsOfUser.get(userId) ?? []) {
      if (version < sessionVersion) socket.close(CloseCode.Unauthorized, 'Unauthorized: this session has ended; sign in again');
    }
  }

  /** Whether the connection's token is still valid; once it is not, the socket is closed (4401). */
  stillValid(socket: WebSocket): boolean {
    if (Date.now() < (this.expiresAt.get(socket) ?? Number.POSITIVE_INFINITY)) return true;
    this.closeExpired(socket);
    return false;
  }

  private closeExpired(socket: WebSocket): void {
    socket.close(CloseCode.Unauthorized, 'Unauthorized: token expired');
  }

  /**
   * A timer may fire a little early (libuv counts from the loop's cached time) and cannot wait beyond
   * 2^31-1 ms: until the token has really expired, it is set again for what is left.
   */
  private closeWhenExpired(socket: WebSocket, at: number): void {
    const msLeft = at - Date.now();
    if (msLeft <= 0) {
      this.closeExpired(socket);
      return;
    }
    const timer = setTimeout(() => this.closeWhenExpired(socket, at), Math.min(MAX_TIMER_MS, msLeft));
    timer.unref();
    this.expiryTimers.set(socket, timer);
  }
}
