import { registerEnumType } from 'type-graphql';
import { ALERT_SEVERITIES, ALERT_STATES, CHANNEL_KINDS } from '../../domain/alerts/alert.types';
import { asEnum } from '../common/enums';

export const AlertSeverityEnum = asEnum(ALERT_SEVERITIES);
export const AlertStateEnum = asEnum(ALERT_STATES);
export const ChannelKindEnum = asEnum(CHANNEL_KINDS);

registerEnumType(AlertSeverityEnum, { name: 'AlertSeverity', description: 'How bad a firing alert is.' });
registerEnumType(AlertStateEnum, { name: 'AlertState', description: 'INACTIVE → PENDING (breached, waiting out forSeconds) → FIRING.' });
registerEnumType(ChannelKindEnum, { name: 'ChannelKind', description: 'Where a notification goes.' });
