import { useI18n } from '../i18n';
import type { Section } from './sections';

type PlannedSection = Exclude<Section, 'settings' | 'calls' | 'referrals' | 'reports' | 'audit'>;

interface EmptySectionProps {
  section: PlannedSection;
}

/** A section whose feature lands later: says what will be here and what to do meanwhile. */
export function EmptySection({ section }: EmptySectionProps) {
  const { t } = useI18n();
  return (
    <section class="empty-state" aria-labelledby="empty-title">
      <p class="empty-badge">{t('empty.comingLabel')}</p>
      <h2 id="empty-title" class="empty-title">
        {t(`empty.${section}.title`)}
      </h2>
      <p class="empty-body">{t(`empty.${section}.body`)}</p>
      <p class="empty-next">{t(`empty.${section}.next`)}</p>
    </section>
  );
}
