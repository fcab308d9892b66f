import { Field, Int, ObjectType } from 'type-graphql';
import type { PairField } from '../../domain/integrity/repair-preview.types';
import { PairFieldEnum } from './pair-change.enums';

@ObjectType('PairFieldChange', { description: 'One number of a pair, before → after a repair.', simpleResolvers: true })
export class PairFieldChangeType {
  @Field(() => PairFieldEnum)
  field!: PairField;

  @Field(() => Int, { nullable: true, description: 'Null where the row does not exist yet.' })
  before!: number | null;

  @Field(() => Int, { nullable: true })
  after!: number | null;

  @Field()
  changed!: boolean;
}
