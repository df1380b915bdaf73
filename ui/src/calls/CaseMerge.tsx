import { useState } from 'preact/hooks';
import type { PublicError } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { Field, FormError, FormStatus } from '../forms/Field';
import { CaseRefInput } from './caseMatches';

interface CaseMergeProps {
  /** The case shown, which keeps its reference. */
  into: string;
  onMerged: (count: number) => void;
}

/**
 * A supervisor's merge of a second reference the same person was given
 * (two laptops, two calls) into this case. Typed, with the known cases
 * offered, and confirmed with a button: every call of the other case is
 * edited, its history keeping the old reference.
 */
export function CaseMerge({ into, onMerged }: CaseMergeProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [from, setFrom] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const [merged, setMerged] = useState<number | null>(null);

  const merge = async (event: Event) => {
    event.preventDefault();
    if (saving || !from.trim()) return;
    setSaving(true);
    setProblem(null);
    setMerged(null);
    try {
      const count = await backend.mergeCases(from, into);
      setFrom('');
      setMerged(count);
      onMerged(count);
    } catch (reason) {
      setProblem(toPublicError(reason));
    }
    setSaving(false);
  };

  return (
    <form id="case-merge" class="panel case-merge" onSubmit={merge} aria-labelledby="case-merge-title">
      <h3 id="case-merge-title" class="panel-title">
        {t('case.merge')}
      </h3>
      <Field id="case-merge-from" label={t('case.mergeFrom')} hint={t('case.mergeHint')}>
        {(a11y) => <CaseRefInput a11y={a11y} value={from} exclude={into} onInput={setFrom} />}
      </Field>
      <div class="inline-row">
        <button id="case-merge-submit" type="submit" class="button button-primary" disabled={saving || !from.trim()}>
          {t('case.mergeConfirm', { caseRef: into })}
        </button>
      </div>
      <FormError text={problem ? i18n.localize(problem.message) : undefined} />
      <FormStatus text={merged === null ? undefined : t('case.merged', { count: merged })} />
    </form>
  );
}
