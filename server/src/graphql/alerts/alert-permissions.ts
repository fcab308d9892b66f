import type { Role } from '../../domain/shared/specialization';

/**
 * Who may do what with alerting, in one place (each resolver's `@Authorized` reads these lists).
 * Rules, channels and test notifications are configuration: admins. Reading alerts, acknowledging
 * and silencing them is the on-call work: admins today, operators too once those roles exist.
 */
export const ALERT_CONFIGURERS: Role[] = ['ADMIN'];
export const ALERT_RESPONDERS: Role[] = ['ADMIN'];
export const ALERT_READERS: Role[] = ['ADMIN'];
