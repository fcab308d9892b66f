export const SPECIALIZATIONS = ['PLAYER', 'COACH', 'INTERNSHIP'] as const;
export type Specialization = (typeof SPECIALIZATIONS)[number];

/** ADMIN > OPERATOR > VIEWER run the dashboard; INSTRUCTOR and STUDENT work on progress (domain/auth/permissions.ts says who may do what). */
export const ROLES = ['ADMIN', 'OPERATOR', 'VIEWER', 'INSTRUCTOR', 'STUDENT'] as const;
export type Role = (typeof ROLES)[number];
