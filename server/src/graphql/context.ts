import DataLoader from 'dataloader';
import type { Viewer } from '../domain/auth/viewer';
import type { DomainServices } from '../domain/services';
import type { User } from '../domain/users/user.entity';
import { bearerToken } from './common/bearer-token';

export interface GraphQLContext {
  readonly viewer: Viewer | null;
  /** Why the presented token was refused; reported only if the operation needs a viewer. */
  readonly authFailure: string | null;
  readonly services: DomainServices;
  readonly loaders: Loaders;
  readonly requestId: string;
  /** The caller's IP as the rate limits see it (see http/client-address.ts); 'unknown' where no request carries one. */
  readonly clientAddress: string;
}

export interface Loaders {
  readonly user: DataLoader<number, User | null>;
}

/** Per request, and built on first use: most operations (updateProgress) never load a user. */
function createLoaders(services: DomainServices): Loaders {
  let user: Loaders['user'] | undefined;
  return {
    get user() {
      user ??= new DataLoader(async (ids: readonly number[]) => {
        const users = await services.users.findMany(ids);
        const byId = new Map(users.map((u) => [u.id, u]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      return user;
    },
  };
}

/** Builds a request's context from its Authorization header (HTTP) or connection_init payload (WebSocket). */
export async function createContext(
  services: DomainServices,
  authorization: unknown,
  requestId: string,
  clientAddress = 'unknown',
): Promise<GraphQLContext> {
  let viewer: Viewer | null = null;
  let authFailure: string | null = null;
  if (authorization !== undefined && authorization !== null && authorization !== '') {
    const token = bearerToken(authorization);
    if (!token) {
      authFailure = 'The Authorization header must be "Bearer <token>".';
    } else {
      try {
        const verified = await services.tokens.verify(token);
        viewer = { id: verified.id, role: verified.role };
      } catch (error) {
        authFailure = (error as Error).message;
      }
    }
  }
  return { viewer, authFailure, services, loaders: createLoaders(services), requestId, clientAddress };
}

/**
 * The same caller's context for another unit of work (the next event of a subscription): loaders of
 * its own, so no entity read for one event (in its EntityManager fork) is served to the next.
 */
export function contextForNextUnit(context: GraphQLContext): GraphQLContext {
  return { ...context, loaders: createLoaders(context.services) };
}
