import { badInput } from '../errors/domain-error';
import type { CheckRunPage, CheckRunRepository } from './check-run.repository';
import type { RepairPage, RepairRepository } from './repair.repository';
import type { ViolationPage, ViolationQuery, ViolationRepository } from './violation.repository';

export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  first: number;
  /** The id of the last row of the previous page (rows come newest first). */
  afterId?: number;
}

/** The history an admin browses: violations, check runs and repairs, a keyset page at a time. */
export class IntegrityReadService {
  constructor(
    private readonly violationsRepo: ViolationRepository,
    private readonly runs: CheckRunRepository,
    private readonly repairsRepo: RepairRepository,
  ) {}

  async violations(filter: ViolationQuery, page: PageRequest): Promise<ViolationPage & { totalCount: () => Promise<number> }> {
    const result = await this.violationsRepo.page(filter, checkFirst(page.first), page.afterId);
    return { ...result, totalCount: () => this.violationsRepo.count(filter) };
  }

  async checkRuns(page: PageRequest): Promise<CheckRunPage & { totalCount: () => Promise<number> }> {
    const result = await this.runs.page(checkFirst(page.first), page.afterId);
    return { ...result, totalCount: () => this.runs.count() };
  }

  async repairs(studentId: number | undefined, page: PageRequest): Promise<RepairPage & { totalCount: () => Promise<number> }> {
    const result = await this.repairsRepo.page(checkFirst(page.first), page.afterId, studentId);
    return { ...result, totalCount: () => this.repairsRepo.count(studentId) };
  }
}

function checkFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be a whole number from 1 to ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  return first;
}
