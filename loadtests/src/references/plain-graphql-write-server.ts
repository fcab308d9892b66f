import { buildSchema } from 'graphql';
import { Pool } from 'pg';
import { servePlainGraphQL } from './plain-graphql-http';
import { APPLY_XP } from '../../../server/src/domain/progress/progress.repository';

/**
 * The second reference of the progress storm: graphql-js on node:http with a pg pool, answering the
 * same `updateProgress` mutation with the same enforcer statement our API runs (taken from
 * ProgressRepository, as pgbench's is), prepared once per connection under the same name as ours,
 * and nothing else: no express, Apollo, type-graphql, token check, rate limiter, unit of work or
 * metrics. What a Node GraphQL server can do with our SQL on this machine. Runs as its own process,
 * like the API.
 */
const SDL = /* GraphQL */ `
  enum Specialization { PLAYER COACH INTERNSHIP }
  input ProgressUpdateInput { studentId: ID! specialization: Specialization! xpChange: Int! idempotencyKey: String }
  type SpecializationProgress { id: ID! specialization: Specialization! totalXp: Int! currentLevel: Int! }
  type License { id: ID! specialization: Specialization! currentLevel: Int! maxAchievedLevel: Int! }
  type ProgressUpdateResult { progress: SpecializationProgress! license: License! previousLevel: Int! leveledUp: Boolean! }
  type Query { ok: Boolean! }
  type Mutation { updateProgress(input: ProgressUpdateInput!): ProgressUpdateResult! }
`;

interface AppliedRow {
  id: number;
  specialization: string;
  total_xp: number;
  current_level: number;
  previous_level: number;
  license_id: number;
  license_level: number;
  max_achieved_level: number;
}

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  const statement = { name: APPLY_XP.name, text: APPLY_XP.positional };
  const schema = buildSchema(SDL);
  const root = {
    ok: () => true,
    updateProgress: async ({ input }: { input: { studentId: string; specialization: string; xpChange: number } }) => {
      const xp = input.xpChange;
      const { rows } = await pool.query<AppliedRow>({ ...statement, values: [Number(input.studentId), input.specialization, xp, xp, xp] });
      const row = rows[0];
      if (!row) throw new Error('no such pair');
      return {
        progress: { id: row.id, specialization: row.specialization, totalXp: row.total_xp, currentLevel: row.current_level },
        license: { id: row.license_id, specialization: row.specialization, currentLevel: row.license_level, maxAchievedLevel: row.max_achieved_level },
        previousLevel: row.previous_level,
        leveledUp: row.current_level > row.previous_level,
      };
    },
  };
  servePlainGraphQL(schema, root, pool);
}

void main();
