import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AlertRuleInput } from '../../domain/alerts/alert-input';
import type { AlertRule } from '../../domain/alerts/alert-rule.entity';
import type { AlertTransition } from '../../domain/alerts/alert-transition.entity';
import type { AlertsService } from '../../domain/alerts/alerts.service';
import { parseId } from '../../domain/shared/ids';
import type { GraphQLContext } from '../context';
import { ALERT_CONFIGURERS, ALERT_READERS, ALERT_RESPONDERS } from './alert-permissions';
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

  @Authorized(...ALERT_READERS)
  @Query(() => [AlertRuleType], { description: 'Every alert rule with its state now.' })
  alertRules(): Promise<AlertRule[]> {
    return this.alerts.rules();
  }

  @Authorized(...ALERT_READERS)
  @Query(() => [AlertTransitionType], { description: "A rule's history, newest first." })
  alertTransitions(
    @Arg('ruleId', () => ID) ruleId: string,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 100 }) limit: number,
  ): Promise<AlertTransition[]> {
    return this.alerts.transitions(parseId(ruleId, 'ruleId'), limit);
  }

  @Authorized(...ALERT_CONFIGURERS)
  @Mutation(() => AlertRuleType)
  createAlertRule(@Arg('input', () => AlertRuleInputType) input: AlertRuleInputType): Promise<AlertRule> {
    return this.alerts.createRule(ruleInputOf(input));
  }

  @Authorized(...ALERT_CONFIGURERS)
  @Mutation(() => AlertRuleType)
  updateAlertRule(@Arg('id', () => ID) id: string, @Arg('input', () => AlertRuleInputType) input: AlertRuleInputType): Promise<AlertRule> {
    return this.alerts.updateRule(parseId(id, 'id'), ruleInputOf(input));
  }

  @Authorized(...ALERT_CONFIGURERS)
  @Mutation(() => Boolean)
  deleteAlertRule(@Arg('id', () => ID) id: string): Promise<boolean> {
    return this.alerts.deleteRule(parseId(id, 'id'));
  }

  @Authorized(...ALERT_RESPONDERS)
  @Mutation(() => AlertRuleType, { description: 'Silences a rule until a time: its state still moves and shows, no one is notified; the end re-notifies what still fires.' })
  silenceAlerts(@Arg('ruleId', () => ID) ruleId: string, @Arg('until', () => Date, { validate: false }) until: Date, @Arg('reason') reason: string, @Ctx() ctx: GraphQLContext): Promise<AlertRule> {
    return this.alerts.silence(parseId(ruleId, 'ruleId'), until, reason, ctx.viewer!.id);
  }

  @Authorized(...ALERT_RESPONDERS)
  @Mutation(() => [AlertRuleType], { description: 'Silences every rule until a time.' })
  silenceAllAlerts(@Arg('until', () => Date, { validate: false }) until: Date, @Arg('reason') reason: string, @Ctx() ctx: GraphQLContext): Promise<AlertRule[]> {
    return this.alerts.silenceAll(until, reason, ctx.viewer!.id);
  }

  @Authorized(...ALERT_RESPONDERS)
  @Mutation(() => AlertRuleType, { description: 'Ends a silence now; what still fires is re-notified.' })
  unsilenceAlerts(@Arg('ruleId', () => ID) ruleId: string): Promise<AlertRule> {
    return this.alerts.unsilence(parseId(ruleId, 'ruleId'));
  }

  @FieldResolver(() => [NotificationChannelType], { description: 'The channels it notifies (every enabled channel when the rule names none).' })
  async channels(@Root() rule: AlertRule): Promise<NotificationChannelType[]> {
    return (await this.alerts.channelsOf(rule)).map(channelView);
  }

  @FieldResolver(() => NotificationChannelType, { nullable: true })
  async escalationChannel(@Root() rule: AlertRule): Promise<NotificationChannelType | null> {
    return rule.escalationChannelId ? channelView(await this.alerts.channel(rule.escalationChannelId)) : null;
  }
}
