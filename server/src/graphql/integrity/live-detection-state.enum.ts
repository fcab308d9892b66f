import { registerEnumType } from 'type-graphql';
import { LIVE_DETECTION_STATES } from '../../domain/integrity/integrity.types';
import { asEnum } from '../common/enums';

export const LiveDetectionStateEnum = asEnum(LIVE_DETECTION_STATES);

registerEnumType(LiveDetectionStateEnum, {
  name: 'LiveDetectionState',
  description: 'ON: an incremental checker runs and is caught up; LAGGING: it runs but changes wait more than 2 s; OFF: none runs (drift is found by the next sweep).',
});
