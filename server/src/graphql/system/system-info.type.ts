import { Field, Int, ObjectType } from 'type-graphql';

/** What the dashboard's system panel shows about the running deployment. */
@ObjectType('SystemInfo', { description: 'The running deployment: version, uptime, job queue and schedule.' })
export class SystemInfoType {
  @Field({ description: 'The release (package.json version).' })
  version!: string;

  @Field(() => Int, { description: 'Seconds since this API process started.' })
  uptimeSeconds!: number;

  @Field(() => Int, { nullable: true, description: 'Worker processes connected to the job queue; null if the queue cannot answer.' })
  workersOnline!: number | null;

  @Field(() => Int, { nullable: true, description: 'Integrity jobs waiting, delayed or active; null if the queue cannot answer.' })
  queueDepth!: number | null;

  @Field(() => Date, { nullable: true, description: 'When the latest finished run (succeeded or failed) ended.' })
  lastCheckAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the next scheduled check fires, if known.' })
  nextScheduledAt!: Date | null;
}
