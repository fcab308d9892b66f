import { Client } from 'pg';

/** total_xp of the PLAYER pair of students [firstId, lastId], read straight from PostgreSQL. */
export async function playerXp(databaseUrl: string, firstId: number, lastId: number): Promise<Map<number, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ student_id: number; total_xp: number }>(
      `select student_id, total_xp from specialization_progress where specialization = 'PLAYER' and student_id between $1 and $2`,
      [firstId, lastId],
    );
    return new Map(rows.map((r) => [r.student_id, r.total_xp]));
  } finally {
    await client.end();
  }
}

export interface Conservation {
  appliedXp: number;
  acknowledgedXp: number;
  /** Students whose XP grew by less than what was acknowledged for them: acknowledged writes lost. */
  studentsShort: number;
  /** Students whose XP grew by more: a write applied twice (or applied without an acknowledgement). */
  studentsOver: number;
}

/** Compares per-student XP growth with the XP the API acknowledged. */
export function compareXp(before: Map<number, number>, after: Map<number, number>, acknowledged: Map<number, number>): Conservation {
  const out: Conservation = { appliedXp: 0, acknowledgedXp: 0, studentsShort: 0, studentsOver: 0 };
  for (const [id, xpBefore] of before) {
    const applied = (after.get(id) ?? 0) - xpBefore;
    const acked = acknowledged.get(id) ?? 0;
    out.appliedXp += applied;
    out.acknowledgedXp += acked;
    if (applied < acked) out.studentsShort += 1;
    if (applied > acked) out.studentsOver += 1;
  }
  return out;
}
