import type { Colleague, FollowUpItem } from '../ipc/backend';

/** One person's share of the open follow-ups; `who` is null for an account this laptop does not know yet. */
export interface FollowUpLoad {
  key: string;
  who: Colleague | null;
  open: number;
  overdue: number;
}

/** The follow-ups assigned to the account `me`, in core's order (overdue first). */
export function assignedTo(items: readonly FollowUpItem[], me: string): FollowUpItem[] {
  return items.filter((item) => item.assignee?.id === me);
}

/**
 * Open and overdue follow-ups per assignee, the most overdue first, then the
 * most open, then by name, so a supervisor sees first who is falling behind.
 */
export function loadByAssignee(items: readonly FollowUpItem[]): FollowUpLoad[] {
  const loads = new Map<string, FollowUpLoad>();
  for (const { assignee, overdue } of items) {
    const key = assignee?.id ?? '';
    const load = loads.get(key) ?? { key, who: assignee, open: 0, overdue: 0 };
    load.open += 1;
    if (overdue) load.overdue += 1;
    loads.set(key, load);
  }
  return [...loads.values()].sort(
    (a, b) =>
      b.overdue - a.overdue || b.open - a.open || (a.who?.displayName ?? '').localeCompare(b.who?.displayName ?? ''),
  );
}
