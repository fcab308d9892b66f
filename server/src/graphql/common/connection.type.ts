import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { encodeCursor } from './cursor';

@ObjectType('PageInfo', {
  description:
    'Relay page info. Forward: pass endCursor as `after` with `first`; backward: startCursor as `before` with `last`. ' +
    'hasPreviousPage after `after` (and hasNextPage before `before`) is true when a row still sits on the cursor’s side.',
  simpleResolvers: true,
})
export class PageInfoType {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfoType;
  /** A getter: the count query runs only when a client selects totalCount. */
  readonly totalCount: Promise<number>;
}

/** A Relay connection type named `<name>Connection` with `<name>Edge` edges. */
export function ConnectionType<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  // Unnamed and never referenced directly: only the named subclasses reach the schema. `simple`
  // fields are read as plain properties, without type-graphql's per-field middleware chain.
  @ObjectType()
  abstract class ConnectionBase {
    @Field(() => [Edge], { simple: true })
    edges!: Edge[];

    @Field(() => PageInfoType, { simple: true })
    pageInfo!: PageInfoType;

    @Field(() => Int, { description: 'All items matching the filter, across pages.', simple: true })
    totalCount!: number;
  }
  return ConnectionBase;
}

/** Builds a connection from a keyset page (rows newest first, each with its numeric id). */
export function toConnection<T extends { id: number }>(
  kind: string,
  rows: T[],
  flags: { hasNextPage: boolean; hasPreviousPage: boolean },
  totalCount: () => Promise<number>,
): Connection<T> {
  const edges = rows.map((node) => ({ cursor: encodeCursor(kind, node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: flags.hasNextPage,
      hasPreviousPage: flags.hasPreviousPage,
      startCursor: edges.at(0)?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      return totalCount();
    },
  };
}
