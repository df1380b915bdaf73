// Supervisors: the directory entries edited on two laptops at once, read when
// the directory opens, again after a pick and after each sync round (which may
// bring new ones, or another laptop's pick).
import type { Backend, ReferralConflict } from '../ipc/backend';
import { useSyncedList, type SyncedList } from '../sync/useSyncedList';

export type ReferralConflicts = SyncedList<ReferralConflict>;

const read = (backend: Backend) => backend.referralConflicts();

export function useReferralConflicts(): ReferralConflicts {
  return useSyncedList(read);
}
