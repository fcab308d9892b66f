import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { ViolationType } from '../../domain/integrity/integrity.types';
import { PRINTABLE_ONLY } from '../../domain/shared/printable-text';
import type { Specialization } from '../../domain/shared/specialization';
import { SpecializationEnum, ViolationTypeEnum } from '../common/enums';

@InputType('ViolationFilter', { description: 'All given conditions must hold; open violations only unless includeResolved.' })
export class ViolationFilterInput {
  // Enums are checked by GraphQL itself; class-validator still needs a rule per field to accept the object.
  @Field(() => ViolationTypeEnum, { nullable: true })
  @IsOptional()
  type?: ViolationType | null;

  @Field(() => SpecializationEnum, { nullable: true })
  @IsOptional()
  specialization?: Specialization | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  studentId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the student’s name or email, case-insensitive; at most 200 printable characters.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(PRINTABLE_ONLY, { message: 'filter.student must hold printable characters only' })
  student?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  includeResolved?: boolean | null;
}
