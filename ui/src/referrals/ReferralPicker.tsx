import { useEffect, useRef, useState } from 'preact/hooks';
import type { ReferralEntry } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { useI18n } from '../i18n';
import { Field } from '../forms/Field';
import { valueOf } from '../forms/focus';
import { comboboxProps, REFERRAL_SEARCH_DEBOUNCE_MS, inLanguage, plainQuery } from './options';

/** How many directory entries the call form offers at a time. */
export const PICKER_LIMIT = 8;

interface ReferralPickerProps {
  onPick: (entry: ReferralEntry) => void;
  onError: (reason: unknown) => void;
}

const optionId = (entry: ReferralEntry) => `call-referral-option-${entry.id}`;

/**
 * The directory search inside the call form: typing offers up to eight
 * entries; ↓/↑ move, Enter (or a click) attaches one as a linked referral,
 * Esc closes the offers without leaving the form.
 */
export function ReferralPicker({ onPick, onError }: ReferralPickerProps) {
  const backend = useBackend();
  const { t, locale } = useI18n();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<ReferralEntry[]>([]);
  /** The text the shown options were found for. */
  const [found, setFound] = useState('');
  const [active, setActive] = useState(-1);
  const [added, setAdded] = useState('');
  const request = useRef(0);
  const pickWhenFound = useRef(false);

  function pick(entry: ReferralEntry) {
    onPick(entry);
    setAdded(t('call.referralAdded', { name: `${inLanguage(entry.organisation, locale)} — ${inLanguage(entry.service, locale)}` }));
    setText('');
  }
  const pickRef = useRef(pick);
  pickRef.current = pick;

  useEffect(() => {
    const wanted = text.trim();
    if (!wanted) {
      request.current += 1;
      pickWhenFound.current = false;
      setOptions([]);
      setFound('');
      setActive(-1);
      return undefined;
    }
    const timer = setTimeout(() => {
      const mine = ++request.current;
      backend.searchReferrals(plainQuery(wanted)).then(
        (entries) => {
          if (mine !== request.current) return;
          const shown = entries.slice(0, PICKER_LIMIT);
          setOptions(shown);
          setFound(wanted);
          setActive(-1);
          if (pickWhenFound.current) {
            pickWhenFound.current = false;
            if (shown[0]) pickRef.current(shown[0]);
          }
        },
        (reason: unknown) => {
          if (mine !== request.current) return;
          pickWhenFound.current = false;
          onError(reason);
        },
      );
    }, REFERRAL_SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, backend]);

  useEffect(
    () => () => {
      request.current += 1;
    },
    [],
  );

  const current = text.trim() !== '' && found === text.trim();
  const open = current && options.length > 0;
  const activeEntry = open && active >= 0 ? options[active] : undefined;

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (open) setActive(Math.min(active + 1, options.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (open) setActive(Math.max(active - 1, -1));
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.altKey) {
      event.preventDefault();
      if (!text.trim()) return;
      if (!current) {
        pickWhenFound.current = true;
        return;
      }
      const entry = options[active >= 0 ? active : 0];
      if (entry) pick(entry);
    } else if (event.key === 'Escape' && text) {
      // Closes the offers; the form's own Esc (save and go back) waits for an empty box.
      event.preventDefault();
      event.stopPropagation();
      setText('');
    }
  }

  return (
    <div class="referral-picker">
      <Field id="call-referral-search" label={t('call.referralSearch')} hint={t('call.referralSearchHint')}>
        {(a11y) => (
          <input
            {...a11y}
            type="search"
            {...comboboxProps('call-referral-options', open, activeEntry && optionId(activeEntry))}
            value={text}
            onInput={(e) => {
              setText(valueOf(e));
              setAdded('');
            }}
            onKeyDown={onKeyDown}
          />
        )}
      </Field>
      <ul id="call-referral-options" class="referral-options" role="listbox" aria-label={t('call.referralOptions')} hidden={!open}>
        {open &&
          options.map((entry, index) => (
            <li key={entry.id} role="presentation">
              <button
                type="button"
                id={optionId(entry)}
                class={index === active ? 'call-referral-option referral-option-active' : 'call-referral-option'}
                role="option"
                aria-selected={index === active ? 'true' : 'false'}
                data-key={entry.key}
                tabIndex={-1}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(entry)}
              >
                <span class="referral-option-name">
                  {inLanguage(entry.organisation, locale)} — {inLanguage(entry.service, locale)}
                </span>
                {entry.phonesDisplay.length > 0 && <span class="referral-option-phones">{entry.phonesDisplay.join(', ')}</span>}
              </button>
            </li>
          ))}
      </ul>
      {current && options.length === 0 && (
        <p id="call-referral-none" class="field-hint">
          {t('call.referralNoMatch')}
        </p>
      )}
      <p id="call-referral-status" class="visually-hidden" role="status">
        {added}
      </p>
    </div>
  );
}
