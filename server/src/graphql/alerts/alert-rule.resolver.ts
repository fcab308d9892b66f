import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AlertRuleInput } from '../../domain/alerts/alert-input';
import type { AlertRule } from '../../domain/alerts/alert-rule.entity';
import type { AlertTransition } from '../../domain/alerts/alert-transition.entity';
import type { AlertsService } from '../../domain/alerts/alerts.service';
import { parseId } from '../../domain/shared/ids';
import { actorOf } from '../common/audit-origin';
import type { GraphQLContext } from '../context';
import { AlertRuleInputType } from './alert-inputs';
import { AlertRuleType } from './alert-rule.type';
import { AlertTransitionType } from './alert-transition.type';
import { channelView, NotificationChannelType } from './notification-channel.type';

/** The domain's rule input from the GraphQL one (ids parsed, naming the field on a bad one). */
function ruleInputOf(input: AlertRuleInputType): AlertRuleInput {
  return {
    ...input,
    channelIds: input.channelIds?.map((id) => parseId(id, 'channelIds')),
    escalationChannelId: input.escalationChannelId === undefined ? undefined : input.escalationChannelId === null ? null : parseId(input.escalationChannelId, 'escalationChannelId'),
  };
}

@Resolver(() => AlertRuleType)
export class AlertRuleResolver {
  constructor(private readonly alerts: AlertsService) {}

  @Query(() => [AlertRuleType], { description: 'Every alert rule with its state now.' })
  alertRules(): Promise<AlertRule[]> {
    return this.alerts.rules();
  }

  @Query(() => [AlertTransitionType], { description: "A rule's history, newest first." })
  alertTransitions(
    @Arg('ruleId', () => ID) ruleId: string,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 100 }) limit: number,
  ): Promise<AlertTransition[]> {
    return this.alerts.transitions(parseId(ruleId, 'ruleId'), limit);
  }

  @Mutation(() => AlertRuleType)
  createAlertRule(@Arg('input', () => AlertRuleInputType) input: AlertRuleInputType, @Ctx() ctx: GraphQLContext): Promise<AlertRule> {
    return this.alerts.createRule(actorOf(ctx), ruleInputOf(input));
  }

  @Mutation(() => AlertRuleType)
  updateAlertRule(@Arg('id', () => ID) id: string, @Arg('input', () => AlertRuleInputType) input: AlertRuleInputType, @Ctx() ctx: GraphQLContext): Promise<AlertRule> {
    return this.alerts.updateRule(actorOf(ctx), parseId(id, 'id'), ruleInputOf(input));
  }

  @Mutation(() => Boolean)
  deleteAlertRule(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return this.alerts.deleteRule(actorOf(ctx), parseId(id, 'id'));
  }

  @Mutation(() => AlertRuleType, { description: 'Silences a rule until a time: its state still moves and shows, no one is notified; the end re-notifies what still fires.' })
  silenceAlerts(@Arg('ruleId', () => ID) ruleId: string, @Arg('until', () => Date, { validate: false }) until: Date, @Arg('reason') reason: string, @Ctx() ctx: GraphQLContext): Promise<AlertRule> {
    return this.alerts.silence(actorOf(ctx), parseId(ruleId, 'ruleId'), until, reason);
  }

  @Mutation(() => [AlertRuleType], { description: 'Silences every rule until a time.' })
  silenceAllAlerts(@Arg('until', () => Date, { validate: false }) until: Date, @Arg('reason') reason: string, @Ctx() ctx: GraphQLContext): Promise<AlertRule[]> {
    return this.alerts.silenceAll(actorOf(ctx), until, reason);
  }

  @Mutation(() => AlertRuleType, { description: 'Ends a silence now; what still fires is re-notified.' })
  unsilenceAlerts(@Arg('ruleId', () => ID) ruleId: string, @Ctx() ctx: GraphQLContext): Promise<AlertRule> {
    return this.alerts.unsilence(actorOf(ctx), parseId(ruleId, 'ruleId'));
  }

  @FieldResolver(() => Boolean, { description: 'True when the rule names no channel and so notifies every enabled one (channels then lists them all).' })
  notifiesEveryChannel(@Root() rule: AlertRule): boolean {
    return rule.channelIds.length === 0;
  }

  @FieldResolver(() => [NotificationChannelType], { description: 'The channels it notifies (every enabled channel when the rule names none: see notifiesEveryChannel).' })
  async channels(@Root() rule: AlertRule): Promise<NotificationChannelType[]> {
    return (await this.alerts.channelsOf(rule)).map(channelView);
  }

  @FieldResolver(() => NotificationChannelType, { nullable: true })
  async escalationChannel(@Root() rule: AlertRule): Promise<NotificationChannelType | null> {
    return rule.escalationChannelId ? channelView(await this.alerts.channel(rule.escalationChannelId)) : null;
  }
}
