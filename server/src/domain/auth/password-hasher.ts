import argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** argon2id with OWASP's minimum parameters (19 MiB, t=2, p=1). */
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Burns the same work as a real verification, so an unknown email costs what a wrong password costs. */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash('levelsync-timing-equaliser');
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
