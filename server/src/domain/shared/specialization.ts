export const SPECIALIZATIONS = ['PLAYER', 'COACH', 'INTERNSHIP'] as const;
export type Specialization = (typeof SPECIALIZATIONS)[number];

export const ROLES = ['ADMIN', 'INSTRUCTOR', 'STUDENT'] as const;
export type Role = (typeof ROLES)[number];
