import type { KeysetPage } from '../database/keyset-page';
import { badInput } from '../errors/domain-error';
import type { CheckRunPage, CheckRunRepository } from './check-run.repository';
import type { RepairPage, RepairRepository } from './repair.repository';
import type { ViolationPage, ViolationQuery, ViolationRepository } from './violation.repository';

export const MAX_PAGE_SIZE = 100;
/** Rows per page when a client names neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 50;

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

function checkSize(page: PageRequest): PageRequest {
  if (!Number.isInteger(page.size) || page.size < 1 || page.size > MAX_PAGE_SIZE) {
    const field = page.direction === 'forward' ? 'first' : 'last';
    throw badInput(`${field} must be a whole number from 1 to ${MAX_PAGE_SIZE}`, { field });
  }
  return page;
}
