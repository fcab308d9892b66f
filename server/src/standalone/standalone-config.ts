import { resolve } from 'node:path';
import { z } from 'zod';

/** The environment variables of the all-in-one mode and the bootstrap admin (validated with the others, once, in config/app-config.ts). */
export const STANDALONE_ENV = {
  ADMIN_EMAIL: z.string().email().default('admin@levelsync.local'),
  ADMIN_PASSWORD: z.string().min(12).optional(),
  DATA_DIR: z.string().trim().min(1).default('.data'),
  DEMO_STUDENTS: z.coerce.number().int().min(0).max(1_000_000).default(3000),
};

export type StandaloneEnv = z.output<z.ZodObject<typeof STANDALONE_ENV>>;

export interface StandaloneConfig {
  /**
   * The admin created at start if missing. The all-in-one mode generates (and keeps) a password when
   * none is set; the API process creates the admin only with ADMIN_PASSWORD.
   */
  readonly admin: { readonly email: string; readonly password: string | undefined };
  /** Embedded PostgreSQL files and the generated admin password (also where the CLIs find the embedded database). */
  readonly dataDir: string;
  /** Demo students generated into an empty database on first start (0 = none). */
  readonly demoStudents: number;
}

export function standaloneConfigFrom(env: StandaloneEnv): StandaloneConfig {
  return {
    admin: { email: env.ADMIN_EMAIL.toLowerCase(), password: env.ADMIN_PASSWORD },
    dataDir: resolve(env.DATA_DIR),
    demoStudents: env.DEMO_STUDENTS,
  };
}
