import { IsOptional } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { badInput } from '../../domain/errors/domain-error';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type KeysetPage as PageRequest } from '../../domain/database/keyset-page';
import { decodeCursor } from './cursor';

/** Relay cursor arguments of every connection: `first`/`after` forwards, `last`/`before` backwards. */
@ArgsType()
export class ConnectionArgs {
  // Ranges are checked by the read service; class-validator still needs a rule per field to accept the object.
  @Field(() => Int, { nullable: true, description: `Rows after \`after\` (1 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when neither first nor last is given).` })
  @IsOptional()
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  @IsOptional()
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Rows before \`before\`, paging backwards (1 to ${MAX_PAGE_SIZE}).` })
  @IsOptional()
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'The startCursor of the next page, paging backwards.' })
  @IsOptional()
  before?: string | null;
}

/** The keyset page the arguments ask for; one direction per request, as the Relay cursor spec has it. */
export function pageRequestOf(kind: string, args: ConnectionArgs): PageRequest {
  const forward = isGiven(args.first) || isGiven(args.after);
  const backward = isGiven(args.last) || isGiven(args.before);
  if (forward && backward) {
    throw badInput('Page forwards with first and after, or backwards with last and before, not both in one request', {
      field: isGiven(args.last) ? 'last' : 'before',
    });
  }
  return backward
    ? { direction: 'backward', size: args.last ?? DEFAULT_PAGE_SIZE, cursorId: decodeCursor(kind, args.before, 'before') }
    : { direction: 'forward', size: args.first ?? DEFAULT_PAGE_SIZE, cursorId: decodeCursor(kind, args.after, 'after') };
}

const isGiven = (value: unknown) => value !== null && value !== undefined;
