import { Args, Query, Resolver } from 'type-graphql';
import type { IntegrityReadService } from '../../domain/integrity/integrity-read.service';
import type { CheckRunSnapshot } from '../../domain/integrity/integrity.types';
import { toConnection, type Connection } from '../common/connection.type';
import { ConnectionArgs, pageRequestOf } from '../common/connection.args';
import { CheckRunConnectionType } from './check-run-connection.type';

@Resolver()
export class CheckRunHistoryResolver {
  constructor(private readonly reads: Pick<IntegrityReadService, 'checkRuns'>) {}

  @Query(() => CheckRunConnectionType, {
    nullable: true,
    description: 'Every check and auto-sync run, newest first; pages forwards (first/after) or backwards (last/before).',
  })
  async checkRuns(@Args(() => ConnectionArgs) args: ConnectionArgs): Promise<Connection<CheckRunSnapshot>> {
    const page = await this.reads.checkRuns(pageRequestOf('run', args));
    return toConnection('run', page.runs, page, page.totalCount);
  }
}
