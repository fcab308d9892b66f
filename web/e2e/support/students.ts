type Sql = <T = Record<string, unknown>>(text: string, bindings?: unknown[]) => Promise<T[]>;

/**
 * Consistent PLAYER students (progress and license at level 1) with ids spread `stride` apart, so
 * a check scans several id-range chunks and reports progress between them. Later inserts take ids
 * above the spread.
 */
export async function seedConsistentStudents(sql: Sql, count: number, stride = 500): Promise<void> {
  await sql(
    `insert into users (id, email, password_hash, full_name, role)
     select 1000 + i * ?, 'seeded-' || i || '@levelsync.test', 'not-a-login-hash', 'Seeded student ' || i, 'STUDENT'
     from generate_series(1, ?) as i`,
    [stride, count],
  );
  await sql(`select setval(pg_get_serial_sequence('users', 'id'), (select max(id) from users))`);
  await sql(`insert into specialization_progress (student_id, specialization) select id, 'PLAYER' from users where email like 'seeded-%'`);
  await sql(`insert into licenses (user_id, specialization) select id, 'PLAYER' from users where email like 'seeded-%'`);
}

let counter = 0;

/** One consistent PLAYER student named `fullName`, written straight to the database (as another client would). */
export async function insertStudent(sql: Sql, fullName: string): Promise<number> {
  counter += 1;
  const [user] = await sql<{ id: number }>(
    `insert into users (email, password_hash, full_name, role) values (?, 'not-a-login-hash', ?, 'STUDENT') returning id`,
    [`e2e-${process.pid}-${counter}@levelsync.test`, fullName],
  );
  await sql(`insert into specialization_progress (student_id, specialization) values (?, 'PLAYER')`, [user!.id]);
  await sql(`insert into licenses (user_id, specialization) values (?, 'PLAYER')`, [user!.id]);
  return user!.id;
}

/** Moves the PLAYER license `by` levels past the progress, bypassing the enforcer: a LEVEL_MISMATCH. */
export async function desyncLicense(sql: Sql, studentId: number, by = 2): Promise<void> {
  await sql(
    `update licenses set current_level = current_level + ?, max_achieved_level = greatest(max_achieved_level, current_level + ?)
     where user_id = ? and specialization = 'PLAYER'`,
    [by, by, studentId],
  );
}
