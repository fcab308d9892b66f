import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';

/** Strings that have broken servers before: injections, escapes, encodings, sizes, prototype keys. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1",
  '1; DROP TABLE users; --',
  "admin'--",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '𝕏'.repeat(64),
  'x'.repeat(10_000),
  '',
  ' ',
  '\n\t',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1.5',
  '1e309',
  '2147483648',
  '9'.repeat(40),
  '0x10',
  '__proto__',
  'constructor',
  '{"$gt":""}',
  '${7*7}',
  '../../etc/passwd',
  '%00%27',
];

const hostile = fc.constantFrom(...HOSTILE_STRINGS);
const anyString = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), hostile);
const edgeInts = fc.constantFrom(0, 1, -1, 1_000_000, 1_000_001, 2_147_483_647, -2_147_483_648, 2_147_483_648, 2 ** 53, -(2 ** 53));
const wrongType = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant({}), fc.constant([]));

function scalarArbitrary(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'Int':
      return fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -5, max: 2_000 }) }, { weight: 3, arbitrary: edgeInts }, fc.integer(), fc.double());
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true }), edgeInts);
    case 'Boolean':
      return fc.boolean();
    case 'ID':
      // Small ids hit real rows; the rest probe parsing.
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: -2, max: 40 }).map(String) },
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom('2147483647', '2147483648', '99999999999', ' 1', '1 ', '01', '+1', '1e3'),
        anyString,
      );
    case 'String':
      return anyString;
    default:
      return fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), anyString);
  }
}

/** A value for any input type: mostly well-typed, sometimes null, omitted, or of the wrong type altogether. */
export function inputValueArbitrary(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    return fc.oneof({ weight: 15, arbitrary: inputValueArbitrary(type.ofType, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  }
  const wellTyped = (): fc.Arbitrary<unknown> => {
    if (isListType(type)) return fc.array(inputValueArbitrary(type.ofType, depth + 1), { maxLength: 4 });
    if (isEnumType(type)) {
      return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) }, anyString);
    }
    if (isInputObjectType(type)) {
      if (depth > 3) return fc.constant({});
      const fields = Object.values(type.getFields());
      const model = Object.fromEntries(fields.map((f) => [f.name, inputValueArbitrary(f.type, depth + 1)]));
      const record = fc.record(model, { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) });
      const sparse = fc.record(model, { requiredKeys: [] });
      const extra = fc.tuple(record, fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }));
      return fc.oneof({ weight: 6, arbitrary: record }, sparse, extra.map(([r, e]) => ({ ...e, ...r })));
    }
    return scalarArbitrary(getNamedType(type).name);
  };
  return fc.oneof({ weight: 12, arbitrary: wellTyped() }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: wrongType });
}

export interface FuzzOperation {
  readonly name: string;
  readonly kind: 'query' | 'mutation';
  readonly text: string;
  readonly variables: fc.Arbitrary<Record<string, unknown>>;
}

/** `mutation ($a: T!, ...) { field(a: $a) { __typename } }` with arbitrary variables, some left out. */
export function fuzzOperation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): FuzzOperation {
  const definitions = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const text = `${kind}${definitions ? ` (${definitions})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
  const model = Object.fromEntries(field.args.map((a) => [a.name, inputValueArbitrary(a.type)]));
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => a.name);
  const variables = fc.oneof(
    { weight: 8, arbitrary: fc.record(model, { requiredKeys: required }) },
    { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
  ) as fc.Arbitrary<Record<string, unknown>>;
  return { name: field.name, kind, text, variables };
}
