/** The dashboard's views, each at a hash of its own (`#/alerts`), so a view can be linked and reloaded. */
export const dashboardSections = [
  { id: 'integrity', hash: '#/', label: 'Integrity', short: 'Integrity' },
  { id: 'alerts', hash: '#/alerts', label: 'Alert rules', short: 'Rules' },
  { id: 'channels', hash: '#/channels', label: 'Channels', short: 'Channels' },
] as const;

export type DashboardSection = (typeof dashboardSections)[number]['id'];

export function sectionOf(hash: string): DashboardSection {
  return dashboardSections.find((section) => section.hash === hash && section.id !== 'integrity')?.id ?? 'integrity';
}

export function hashOf(section: DashboardSection): string {
  return dashboardSections.find((candidate) => candidate.id === section)!.hash;
}
