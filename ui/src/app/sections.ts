import type { MessageKey } from '../i18n';

/** The main screen's sections, in navigation order (Alt+1 … Alt+5). */
export const SECTIONS = ['calls', 'referrals', 'reports', 'sync', 'settings'] as const;

export type Section = (typeof SECTIONS)[number];

export function sectionName(section: Section): MessageKey {
  return `nav.${section}`;
}
