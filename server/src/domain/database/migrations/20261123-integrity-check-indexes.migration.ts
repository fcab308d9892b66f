import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes the integrity pipeline measured it needs.
 *
 * The check merge-joins progress and licenses on (student, specialization) one student-id range at
 * a time. Carrying the columns it compares in the unique indexes it already walks (INCLUDE) turns
 * both sides into index-only scans: on 1M pairs the check went from ~1.8x to ~1.25x a bare
 * anti-join. The constraints keep their names and key columns, so `on conflict (...)` inference and
 * the error mapping by constraint name are unchanged. The price: an XP update now changes an
 * indexed column, so progress updates are no longer HOT (one more index entry per update).
 *
 * Every check rewrites each open violation (last seen, last run). With free room on its page the
 * new version is a HOT update that touches none of the table's indexes; full pages made ~80 % of
 * these refreshes non-HOT on the 1M-pair bench, 100 % HOT at fillfactor 70.
 *
 * The dashboard pages violations newest first under each filter: open ones overall and by
 * specialization (by type and by student already have indexes), and repairs by student.
 */
export class IntegrityCheckIndexes20261123 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table specialization_progress drop constraint specialization_progress_student_id_specialization_key;`);
    this.addSql(`
      alter table specialization_progress add constraint specialization_progress_student_id_specialization_key
        unique (student_id, specialization) include (current_level, total_xp);`);
    this.addSql(`alter table licenses drop constraint licenses_user_id_specialization_key;`);
    this.addSql(`
      alter table licenses add constraint licenses_user_id_specialization_key
        unique (user_id, specialization) include (current_level);`);
    this.addSql(`alter table violations set (fillfactor = 70);`);
    this.addSql(`create index violations_open_id_idx on violations (id) where resolved_at is null;`);
    this.addSql(`create index violations_open_specialization_idx on violations (specialization, id) where resolved_at is null;`);
    this.addSql(`create index repairs_student_id_idx on repairs (student_id, id);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists repairs_student_id_idx;`);
    this.addSql(`drop index if exists violations_open_specialization_idx;`);
    this.addSql(`drop index if exists violations_open_id_idx;`);
    this.addSql(`alter table violations reset (fillfactor);`);
    this.addSql(`alter table licenses drop constraint licenses_user_id_specialization_key;`);
    this.addSql(`alter table licenses add constraint licenses_user_id_specialization_key unique (user_id, specialization);`);
    this.addSql(`alter table specialization_progress drop constraint specialization_progress_student_id_specialization_key;`);
    this.addSql(`
      alter table specialization_progress add constraint specialization_progress_student_id_specialization_key
        unique (student_id, specialization);`);
  }
}
