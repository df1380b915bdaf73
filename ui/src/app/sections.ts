import type { MessageKey } from '../i18n';
import type { Role } from '../ipc/backend';

/** The main screen's sections, in navigation order (Alt+1 … Alt+5). */
export const SECTIONS = ['calls', 'referrals', 'reports', 'sync', 'settings'] as const;

export type Section = (typeof SECTIONS)[number];

export function sectionName(section: Section): MessageKey {
  return `nav.${section}`;
}

/**
 * Whether `role` may open `section`: reports are for supervisors. A section
 * closed to someone is left out of their navigation but keeps its Alt+digit
 * elsewhere, so the shortcuts are the same on every account.
 */
export function sectionOpenTo(section: Section, role: Role): boolean {
  return section !== 'reports' || role === 'supervisor';
}
