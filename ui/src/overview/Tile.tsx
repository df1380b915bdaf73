import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';
import { FormError } from '../forms/Field';
import type { Answer } from './useAnswer';

interface TileProps<T> {
  id: string;
  title: string;
  answer: Answer<T>;
  /** Takes the whole row of the grid (the supervisor's tables of counts). */
  wide?: boolean;
  /** What the tile shows once an answer came. */
  children: (value: T) => ComponentChildren;
}

/**
 * One box of the overview: a heading screen readers can jump to, busy while
 * its answer comes, the refusal above whatever was shown before.
 */
export function Tile<T>({ id, title, answer, wide = false, children }: TileProps<T>) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section
      id={id}
      class={wide ? 'panel overview-tile overview-tile-wide' : 'panel overview-tile'}
      aria-labelledby={`${id}-title`} aria-busy={answer.loading ? 'true' : 'false'}>
      <h2 id={`${id}-title`} class="panel-title">
        {title}
      </h2>
      <FormError id={`${id}-error`} text={answer.problem ? i18n.localize(answer.problem.message) : undefined} />
      {answer.value !== null ? children(answer.value) : answer.loading && <p class="muted">{t('app.loading')}</p>}
    </section>
  );
}
