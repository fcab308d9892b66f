import { registerEnumType } from 'type-graphql';
import { PAIR_FIELDS, PAIR_ROW_CHANGES } from '../../domain/integrity/repair-preview.types';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const PairFieldEnum = asEnum(PAIR_FIELDS);
export const PairRowChangeEnum = asEnum(PAIR_ROW_CHANGES);

registerEnumType(PairFieldEnum, {
  name: 'PairField',
  description: "A number of a (student, specialization) pair: the progress's total XP and level, the license's level and max achieved level.",
});
registerEnumType(PairRowChangeEnum, { name: 'PairRowChange', description: 'What a repair does to the progress row or the license row of a pair.' });
