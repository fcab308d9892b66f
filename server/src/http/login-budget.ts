import type { RateLimiters, RateVerdict } from './rate-limiters';

/** Charges every login attempt to the caller's IP, and to the IP + email pair it targets. */
export async function takeLoginBudget(limiters: RateLimiters, clientAddress: string, emails: readonly string[]): Promise<RateVerdict> {
  if (emails.length === 0) return { allowed: true };
  const verdicts = [await limiters.loginPerIp.take(clientAddress, emails.length)];
  const perEmail = new Map<string, number>();
  for (const email of emails) perEmail.set(email, (perEmail.get(email) ?? 0) + 1);
  for (const [email, count] of perEmail) verdicts.push(await limiters.loginPerEmail.take(`${clientAddress}|${email}`, count));
  const refused = verdicts.filter((v) => !v.allowed);
  if (refused.length === 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(...refused.map((v) => v.retryAfterSeconds)) };
}
