import type { MessageKey } from '../i18n';
import type { Role } from '../ipc/backend';

/**
 * The main screen's sections, in navigation order (Alt+1 … Alt+7). The
 * overview comes first and is what opens after unlocking: it says what waits
 * for the person before they pick a section.
 */
export const SECTIONS = ['overview', 'calls', 'referrals', 'reports', 'sync', 'settings', 'audit'] as const;

export type Section = (typeof SECTIONS)[number];

export function sectionName(section: Section): MessageKey {
  return `nav.${section}`;
}

/** The sections only supervisors see. */
const SUPERVISOR_SECTIONS: readonly Section[] = ['reports', 'audit'];

/**
 * Whether `role` may open `section`: reports and the audit log are for
 * supervisors. A section
 * closed to someone is left out of their navigation but keeps its Alt+digit
 * elsewhere, so the shortcuts are the same on every account.
 */
export function sectionOpenTo(section: Section, role: Role): boolean {
  return role === 'supervisor' || !SUPERVISOR_SECTIONS.includes(section);
}
