import { useEffect, useState } from 'preact/hooks';
import type { CaseMatch } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import type { ControlA11y } from '../forms/Field';
import { useI18n } from '../i18n';
import { formatDateTime } from '../i18n/dates';

/** Typing waits this long before the known cases are asked for. */
const CASE_SEARCH_DEBOUNCE_MS = 200;

/**
 * The cases whose reference starts with what is typed, for linking a call
 * to a case or merging two; none for a blank box. A failed search offers
 * nothing: the reference can still be typed in full.
 */
function useCaseMatches(typed: string): CaseMatch[] {
  const backend = useBackend();
  const [matches, setMatches] = useState<CaseMatch[]>([]);
  useEffect(() => {
    const prefix = typed.trim();
    if (!prefix) {
      setMatches([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      backend.findCases(prefix).then(
        (found) => current && setMatches(found),
        () => current && setMatches([]),
      );
    }, CASE_SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [backend, typed]);
  return matches;
}

interface CaseRefInputProps {
  /** The label, hint and error ties from `Field`; the input's id names its list of known cases. */
  a11y: ControlA11y;
  value: string;
  onInput: (typed: string) => void;
  /** A case not to offer (the case being merged into). */
  exclude?: string;
  /** The box was left or a case was picked from the list. */
  onChange?: () => void;
  onEnter?: () => void;
}

/**
 * A case reference box that offers the known cases whose reference starts
 * with what is typed, each with how many calls and the last one's time.
 */
export function CaseRefInput({ a11y, value, onInput, exclude, onChange, onEnter }: CaseRefInputProps) {
  const { t } = useI18n();
  const matches = useCaseMatches(value).filter((match) => match.caseRef !== exclude);
  const listId = `${a11y.id}-options`;
  return (
    <>
      <input
        {...a11y}
        class="input-narrow"
        type="text"
        autoComplete="off"
        list={listId}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
        onChange={onChange}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && onEnter) {
            event.preventDefault();
            onEnter();
          }
        }}
      />
      <datalist id={listId}>
        {matches.map((match) => (
          <option key={match.caseRef} value={match.caseRef}>
            {t('case.match', { count: match.calls, last: formatDateTime(match.lastCallAt) })}
          </option>
        ))}
      </datalist>
    </>
  );
}
