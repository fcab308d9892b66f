import { ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.type';
import { AlertType } from './alert.type';
import { NotificationDeliveryType } from './notification-delivery.type';

@ObjectType('AlertConnection', { description: 'Alerts, newest first.' })
export class AlertConnectionType extends ConnectionType('Alert', AlertType) {}

@ObjectType('NotificationDeliveryConnection', { description: 'Deliveries, newest first.' })
export class NotificationDeliveryConnectionType extends ConnectionType('NotificationDelivery', NotificationDeliveryType) {}
