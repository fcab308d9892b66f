import { checkPageSize as checkSize, type KeysetPage } from '../database/keyset-page';
import type { CheckRunPage, CheckRunRepository } from './check-run.repository';
import type { RepairPage, RepairRepository } from './repair.repository';
import type { ViolationPage, ViolationQuery, ViolationRepository } from './violation.repository';

/** A keyset page, newest first: forward (`first`/`after`) or backward (`last`/`before`). */
export type PageRequest = KeysetPage;

/** The history an admin browses: violations, check runs and repairs, a keyset page at a time. */
export class IntegrityReadService {
  constructor(
    private readonly violationsRepo: ViolationRepository,
    private readonly runs: CheckRunRepository,
    private readonly repairsRepo: RepairRepository,
  ) {}

  async violations(filter: ViolationQuery, page: PageRequest): Promise<ViolationPage & { totalCount: () => Promise<number> }> {
    const result = await this.violationsRepo.page(filter, checkSize(page));
    return { ...result, totalCount: () => this.violationsRepo.count(filter) };
  }

  async checkRuns(page: PageRequest): Promise<CheckRunPage & { totalCount: () => Promise<number> }> {
    const result = await this.runs.page(checkSize(page));
    return { ...result, totalCount: () => this.runs.count() };
  }

  async repairs(studentId: number | undefined, page: PageRequest): Promise<RepairPage & { totalCount: () => Promise<number> }> {
    const result = await this.repairsRepo.page(checkSize(page), studentId);
    return { ...result, totalCount: () => this.repairsRepo.count(studentId) };
  }
}
