import DataLoader from 'dataloader';
import type { SessionsService } from '../domain/auth/sessions.service';
import type { Viewer } from '../domain/auth/viewer';
import type { User } from '../domain/users/user.entity';
import type { UsersService } from '../domain/users/users.service';
import { bearerToken } from './common/bearer-token';

export interface GraphQLContext {
  readonly viewer: Viewer | null;
  /** Why the presented token was refused; reported only if the operation needs a viewer. */
  readonly authFailure: string | null;
  readonly loaders: Loaders;
  readonly requestId: string;
  /** The caller's IP as the rate limits see it (see http/client-address.ts); 'unknown' where no request carries one. */
  readonly clientAddress: string;
}

export interface Loaders {
  readonly user: DataLoader<number, User | null>;
}

/** What building a context needs: the token and session check, and the user lookup behind the loaders. */
export interface ContextDependencies {
  readonly sessions: Pick<SessionsService, 'authenticate'>;
  readonly users: Pick<UsersService, 'findMany'>;
}

/** How the transports make contexts: one per operation, and a fresh one per further unit of work. */
export interface GraphQLContexts {
  /** A request's context from its Authorization header (HTTP) or connection_init payload (WebSocket). */
  create(authorization: unknown, requestId: string, clientAddress?: string): Promise<GraphQLContext>;
  /**
   * The same caller's context for another unit of work (the next event of a subscription): loaders of
   * its own, so no entity read for one event (in its EntityManager fork) is served to the next.
   */
  forNextUnit(context: GraphQLContext): GraphQLContext;
}

/**
 * Per request, and built on first use: most operations (updateProgress) never load a user. One small
 * object per unit of work (a subscription keeps its subscribe-time context, and so its loaders, for life),
 * not an object with a getter closing over a variable of its own.
 */
class LazyLoaders implements Loaders {
  private loader: Loaders['user'] | undefined = undefined;

  constructor(private readonly users: ContextDependencies['users']) {}

  get user(): Loaders['user'] {
    this.loader ??= new DataLoader(async (ids: readonly number[]) => {
      const users = await this.users.findMany(ids);
      const byId = new Map(users.map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    return this.loader;
  }
}

export function createGraphQLContexts(deps: ContextDependencies): GraphQLContexts {
  const createLoaders = (): Loaders => new LazyLoaders(deps.users);
  return {
    async create(authorization, requestId, clientAddress = 'unknown') {
      let viewer: Viewer | null = null;
      let authFailure: string | null = null;
      if (authorization !== undefined && authorization !== null && authorization !== '') {
        const token = bearerToken(authorization);
        if (!token) {
          authFailure = 'The Authorization header must be "Bearer <token>".';
        } else {
          try {
            const session = await deps.sessions.authenticate(token);
            viewer = { id: session.id, role: session.role, mustChangePassword: session.mustChangePassword };
          } catch (error) {
            authFailure = (error as Error).message;
          }
        }
      }
      return { viewer, authFailure, loaders: createLoaders(), requestId, clientAddress };
    },
    forNextUnit: (context) => ({ ...context, loaders: createLoaders() }),
  };
}
