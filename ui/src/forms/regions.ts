import type { Region, Role } from '../ipc/backend';

/** Regions in the order the hotline lists them: Rīga first. */
export const REGIONS: readonly Region[] = ['riga', 'latgale', 'kurzeme', 'vidzeme', 'zemgale'];

export const ROLES: readonly Role[] = ['consultant', 'supervisor'];
