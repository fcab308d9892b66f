import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, migrateDatabase, type Orm } from '../../src/domain/database/database';
import { MIGRATIONS } from '../../src/domain/database/mikro-orm.config';
import { createEmptyTestDatabase } from '../support/test-database';

describe('migrations', () => {
  let url: string;
  let orm: Orm;
  let client: Client;

  beforeAll(async () => {
    url = await createEmptyTestDatabase();
    orm = await connectDatabase({ url, poolMax: 4 });
    client = new Client({ connectionString: url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await orm.close(true);
  });

  it('build the schema from an empty database, and a second run (or a concurrent one) applies nothing', async () => {
    const [first, second] = await Promise.all([migrateDatabase(orm, url), migrateDatabase(orm, url)]);
    expect([...first, ...second].sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    expect(await migrateDatabase(orm, url)).toEqual([]);
    const { rows } = await client.query(`select specialization, count(*)::int as levels from specialization_levels group by 1 order by 1`);
    expect(rows).toEqual([
      { specialization: 'COACH', levels: 8 },
      { specialization: 'INTERNSHIP', levels: 5 },
      { specialization: 'PLAYER', levels: 8 },
    ]);
  });

  describe('the database itself refuses', () => {
    let userId: number;
    beforeAll(async () => {
      const { rows } = await client.query(`insert into users (email, password_hash, full_name, role) values ('guard@x.io', 'h', 'G', 'STUDENT') returning id`);
      userId = rows[0].id;
      await client.query(`insert into specialization_progress (student_id, specialization) values ($1, 'PLAYER')`, [userId]);
      await client.query(`insert into licenses (user_id, specialization) values ($1, 'PLAYER')`, [userId]);
    });

    const refused = (sql: string) => async () => {
      await expect(client.query(sql.replaceAll('$USER', String(userId)))).rejects.toThrow();
    };

    it('a second progress row for the same pair', refused(`insert into specialization_progress (student_id, specialization) values ($USER, 'PLAYER')`));
    it('a second license for the same pair', refused(`insert into licenses (user_id, specialization) values ($USER, 'PLAYER')`));
    it('negative XP', refused(`update specialization_progress set total_xp = -1 where student_id = $USER`));
    it('XP past the ceiling', refused(`update specialization_progress set total_xp = 1000000001 where student_id = $USER`));
    it('a level the specialization does not have', refused(`update licenses set current_level = 9, max_achieved_level = 9 where user_id = $USER`));
    it('a max achieved level below the current one', refused(`update licenses set current_level = 3, max_achieved_level = 2 where user_id = $USER`));
    it('progress for a user who does not exist', refused(`insert into specialization_progress (student_id, specialization) values (2147483000, 'COACH')`));
    it('two users with the same email in another case', refused(`insert into users (email, password_hash, full_name, role) values ('GUARD@x.io', 'h', 'G', 'STUDENT')`));
    it('an unknown role', refused(`insert into users (email, password_hash, full_name, role) values ('r@x.io', 'h', 'G', 'ROOT')`));
  });
});
