import type { TestApp } from './test-app';

/** A digest of every row an operation could change; equal before and after means nothing was written. */
export async function dbFingerprint(app: TestApp): Promise<string> {
  const [row] = await app.sql<{ digest: string }>(`
    select md5(concat_ws('|',
      (select string_agg(concat_ws(',', id, email, full_name, role, is_active, password_hash), ';' order by id) from users),
      (select string_agg(concat_ws(',', id, student_id, specialization, total_xp, current_level, updated_at), ';' order by id) from specialization_progress),
      (select string_agg(concat_ws(',', id, user_id, specialization, current_level, max_achieved_level, updated_at), ';' order by id) from licenses),
      (select string_agg(concat_ws(',', actor_id, key, request_hash), ';' order by actor_id, key) from idempotency_records),
      (select count(*) from repairs), (select count(*) from violations), (select count(*) from check_runs)
    )) as digest`);
  return row!.digest;
}
