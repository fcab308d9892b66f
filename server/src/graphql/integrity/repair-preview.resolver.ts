import { Arg, ID, Query, Resolver } from 'type-graphql';
import type { RepairPreviewService } from '../../domain/integrity/repair-preview.service';
import type { RepairPreview } from '../../domain/integrity/repair-preview.types';
import type { Specialization } from '../../domain/shared/specialization';
import { SpecializationEnum } from '../common/enums';
import { RepairPreviewType } from './repair-preview.type';

@Resolver(() => RepairPreviewType)
export class RepairPreviewResolver {
  constructor(private readonly previews: Pick<RepairPreviewService, 'preview'>) {}

  @Query(() => RepairPreviewType, {
    nullable: true,
    description:
      'What resyncLicense would change for this pair now, field by field, from the plan it applies. Read-only. NOT_FOUND for an unknown student or an unassigned pair.',
  })
  repairPreview(
    @Arg('studentId', () => ID) studentId: string,
    @Arg('specialization', () => SpecializationEnum) specialization: Specialization
  ): Promise<RepairPreview> {
    return this.previews.preview(studentId, specialization);
  }
}
