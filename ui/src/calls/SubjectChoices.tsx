import type { Subject } from '../ipc/backend';
import { useI18n } from '../i18n';
import { FormError } from '../forms/Field';
import { useCategories } from '../categories/CategoriesProvider';
import { choicesOf } from '../categories/choices';
import { useCategoryNames } from '../categories/names';

interface SubjectChoicesProps {
  /** The subjects the call had when the form opened: still offered if retired since. */
  kept: readonly Subject[];
  value: readonly Subject[];
  error: string | undefined;
  onChange: (subjects: Subject[]) => void;
}

/** A call's subjects, one or more, as checkboxes; a retired one is marked so. */
export function SubjectChoices({ kept, value, error, onChange }: SubjectChoicesProps) {
  const { t, localize } = useI18n();
  const { list, problem } = useCategories();
  const names = useCategoryNames();
  const choices = choicesOf(list ?? [], 'subject', kept);
  const toggle = (subject: Subject, on: boolean) =>
    onChange(choices.filter((code) => (code === subject ? on : value.includes(code))));
  return (
    <fieldset
      id="call-subjects"
      class={error ? 'choice-group field-invalid' : 'choice-group'}
      aria-describedby={error ? 'call-subjects-error' : undefined}
    >
      <legend class="choice-legend">{t('call.subjects')}</legend>
      {list === null && problem && <FormError text={localize(problem.message)} />}
      <div class="choice-grid">
        {choices.map((subject) => (
          <label key={subject} class="check">
            <input
              id={`call-subject-${subject}`}
              class="call-subject"
              type="checkbox"
              value={subject}
              checked={value.includes(subject)}
              aria-invalid={error ? 'true' : undefined}
              onChange={(e) => toggle(subject, e.currentTarget.checked)}
            />
            <span>{names.choice(subject)}</span>
          </label>
        ))}
      </div>
      {error && (
        <p id="call-subjects-error" class="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
