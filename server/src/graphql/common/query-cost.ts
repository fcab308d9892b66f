import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../domain/database/keyset-page';

/**
 * What an operation may cost: one full page (MAX_PAGE_SIZE rows) of ROW_BUDGET each. The richest
 * honest row — a repair edge with every field, its student and its actor — costs 28, a violation
 * edge with everything 22, so any one documented page passes with room for a second list or the
 * health fields beside it; ten aliased pages, or a page of everything twice over, do not.
 */
export const ROW_BUDGET = 50;
export const MAX_QUERY_COST = MAX_PAGE_SIZE * ROW_BUDGET;

const SCALAR_COST = 1;
const OBJECT_COST = 2;
const PAGE_ARGUMENTS = ['first', 'last'];

/**
 * The cost of an operation: each scalar 1, each object 2 plus its selection; a list counts once per
 * row it can return. Rows come from the page size of the connection the list belongs to: a literal
 * `first`/`last` as written (capped at MAX_PAGE_SIZE, above which the resolver refuses anyway),
 * MAX_PAGE_SIZE for a variable (validation runs before variables are known, so the worst a variable
 * may ask for), DEFAULT_PAGE_SIZE when neither is given. Lists without a page argument (violation
 * types, a student's specializations, one repair batch) are bounded by the domain and count once.
 * Unlike a flat factor per level, this charges what the server really fetches and serialises, so
 * the documented maximum page passes and amplification (aliases, fragments, nesting) does not.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragmentOf: (name: string) => FragmentDefinitionNode | undefined,
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;

  const selectionCost = (set: SelectionSetNode, parent: GraphQLNamedType, rows: number, path: ReadonlySet<string>): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(selection, parent, rows, path);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type) cost += selectionCost(selection.selectionSet, type, rows, path);
      } else {
        const name = selection.name.value;
        const fragment = fragmentOf(name);
        // A cycle is reported by graphql-js's own NoFragmentCyclesRule; here it just stops.
        if (!fragment || path.has(name)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        if (type) cost += selectionCost(fragment.selectionSet, type, rows, new Set(path).add(name));
      }
    }
    return cost;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLNamedType, rows: number, path: ReadonlySet<string>): number => {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') return 0;
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    if (!field || !node.selectionSet) return SCALAR_COST;
    const type = getNamedType(field.type);
    if (!isCompositeType(type)) return SCALAR_COST;
    const ownRows = pageSizeOf(node, field);
    const innerRows = ownRows ?? rows;
    const times = isListType(getNullableType(field.type)) ? innerRows : 1;
    return times * (OBJECT_COST + selectionCost(node.selectionSet, type as GraphQLCompositeType, innerRows, path));
  };

  return selectionCost(operation.selectionSet, root, 1, new Set());
}

/** Rows a paginated field can return, or undefined for a field without page arguments. */
function pageSizeOf(node: FieldNode, field: GraphQLField<unknown, unknown>): number | undefined {
  if (!field.args.some((a) => PAGE_ARGUMENTS.includes(a.name))) return undefined;
  const sizes = (node.arguments ?? [])
    .filter((a) => PAGE_ARGUMENTS.includes(a.name.value) && a.value.kind !== Kind.NULL)
    .map((a) => (a.value.kind === Kind.INT ? Math.min(Math.max(Number.parseInt(a.value.value, 10), 0), MAX_PAGE_SIZE) : MAX_PAGE_SIZE));
  return sizes.length ? Math.max(...sizes) : DEFAULT_PAGE_SIZE;
}

/** The costliest operation of a document (each operation is limited on its own). */
export function documentCost(schema: GraphQLSchema, document: DocumentNode): number {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const costs = document.definitions.flatMap((d) =>
    d.kind === Kind.OPERATION_DEFINITION ? [operationCost(schema, d, (name) => fragments.get(name))] : [],
  );
  return Math.max(0, ...costs);
}

/** Refuses an operation over MAX_QUERY_COST as a validation error tagged `limit: MAX_COST`. */
export function costLimitRule(maxCost: number = MAX_QUERY_COST): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const cost = operationCost(context.getSchema(), operation, (name) => context.getFragment(name) ?? undefined);
      if (cost > maxCost) {
        context.reportError(
          new GraphQLError(
            `Query cost ${cost} exceeds the limit of ${maxCost}: each list counts once per row of its page (first/last as given, ${MAX_PAGE_SIZE} for a variable). Ask for fewer rows, fields or aliases.`,
            { nodes: [operation], extensions: { limit: 'MAX_COST' } },
          ),
        );
      }
    },
  });
}
