import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { PRINTABLE_ONLY } from '../../domain/shared/printable-text';

@InputType('AuditLogFilter', { description: 'All given conditions must hold.' })
export class AuditLogFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'An action name (see AuditEntry.action).' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(PRINTABLE_ONLY, { message: 'filter.action must hold printable characters only' })
  action?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(PRINTABLE_ONLY, { message: 'filter.targetType must hold printable characters only' })
  targetType?: string | null;

  @Field(() => Date, { nullable: true, description: 'Entries at or after this time.' })
  @IsOptional()
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Entries before this time.' })
  @IsOptional()
  until?: Date | null;
}
