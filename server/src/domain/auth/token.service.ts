import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { JwtConfig } from '../config/domain-config';
import { unauthenticated } from '../errors/domain-error';
import { ROLES, type Role } from '../shared/specialization';

const ALGORITHM = 'HS256';
const CLOCK_TOLERANCE_SECONDS = 5;
/** Verified tokens remembered at once; the least recently used is forgotten first. */
export const DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 10_000;

export interface IssuedToken {
  accessToken: string;
  expiresAt: Date;
}

export interface TokenServiceOptions {
  /** Milliseconds since the epoch; the wall clock unless a test needs to move time. */
  now?: () => number;
  /** How many verified tokens to remember (0 turns the cache off). */
  cacheSize?: number;
}

/** What a token is issued for: the user, and the session version of their row at sign-in. */
export interface TokenSubject {
  readonly id: number;
  readonly role: Role;
  /** `users.session_version` when issued (0 when omitted): a raised version revokes the token (sessions.service.ts). */
  readonly sessionVersion?: number;
}

/** A token that passed every check: its subject, and when it expires. */
export interface VerifiedToken {
  readonly id: number;
  readonly role: Role;
  readonly sessionVersion: number;
  readonly expiresAt: Date;
}

interface RememberedToken {
  readonly id: number;
  readonly role: Role;
  readonly sessionVersion: number;
  /** The `exp` claim, in seconds since the epoch. */
  readonly exp: number;
}

const EXPIRED = 'The access token has expired; sign in again.';

/**
 * JWT access tokens: HS256 pinned, `exp`/`iat`/`sub` required, issuer and audience checked.
 *
 * A token that passed every check is remembered by its exact text (signature included) until it
 * expires, so a client sending the same token on every request pays for the HMAC once: a hit
 * re-checks only `exp` against the clock, with the same tolerance jose applies, because nothing
 * else in a signed token can change. Any other string (a tampered payload, another signature, a
 * token nobody verified yet) misses and goes through the full verification.
 */
export class TokenService {
  private readonly key: Uint8Array;
  private readonly now: () => number;
  private readonly cacheSize: number;
  /** Insertion-ordered: a hit moves the entry to the end, eviction takes from the front. */
  private readonly verified = new Map<string, RememberedToken>();

  constructor(
    private readonly config: JwtConfig,
    options: TokenServiceOptions = {},
  ) {
    this.key = new TextEncoder().encode(config.secret);
    this.now = options.now ?? Date.now;
    this.cacheSize = Math.max(0, Math.floor(options.cacheSize ?? DEFAULT_VERIFIED_TOKEN_CACHE_SIZE));
  }

  async issue(subject: TokenSubject, now = new Date(this.now())): Promise<IssuedToken> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + this.config.ttlMinutes * 60;
    const accessToken = await new SignJWT({ role: subject.role, sv: subject.sessionVersion ?? 0 })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(String(subject.id))
      .setIssuer(this.config.issuer)
      .setAudience(this.config.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { accessToken, expiresAt: new Date(expiresAt * 1000) };
  }

  /** Returns the viewer, or throws UNAUTHENTICATED with a reason a person can act on. */
  async verify(token: string): Promise<VerifiedToken> {
    const cached = this.verified.get(token);
    if (cached) {
      this.verified.delete(token);
      // jose's rule: expired once exp <= now - tolerance, in whole seconds.
      if (cached.exp <= Math.floor(this.now() / 1000) - CLOCK_TOLERANCE_SECONDS) throw unauthenticated(EXPIRED);
      this.verified.set(token, cached);
      return { id: cached.id, role: cached.role, sessionVersion: cached.sessionVersion, expiresAt: new Date(cached.exp * 1000) };
    }
    const verified = await this.verifyFully(token);
    this.remember(token, verified);
    return { id: verified.id, role: verified.role, sessionVersion: verified.sessionVersion, expiresAt: new Date(verified.exp * 1000) };
  }

  /** How many verified tokens are remembered (for tests and diagnostics). */
  get cachedTokens(): number {
    return this.verified.size;
  }

  private async verifyFully(token: string): Promise<RememberedToken> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.config.issuer,
        audience: this.config.audience,
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(this.now()),
      });
      const id = Number(payload.sub);
      const role = payload.role as Role;
      // Tokens issued before session versions existed carry none: version 0, the column's default.
      const sessionVersion = payload.sv ?? 0;
      if (!Number.isSafeInteger(id) || id <= 0 || !ROLES.includes(role) || !Number.isSafeInteger(sessionVersion)) {
        throw unauthenticated('The access token is malformed.');
      }
      return { id, role, sessionVersion: sessionVersion as number, exp: payload.exp as number };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated(EXPIRED);
      if (error instanceof Error && error.name === 'DomainError') throw error;
      throw unauthenticated('The access token is invalid; sign in again.');
    }
  }

  private remember(token: string, verified: RememberedToken): void {
    if (this.cacheSize === 0) return;
    while (this.verified.size >= this.cacheSize) {
      const oldest = this.verified.keys().next().value as string;
      this.verified.delete(oldest);
    }
    this.verified.set(token, verified);
  }
}
