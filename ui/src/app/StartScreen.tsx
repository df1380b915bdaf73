import type { PublicError } from '../ipc/backend';
import { useI18n } from '../i18n';
import { BrandMark } from '../layout/icons';

interface StartScreenProps {
  error: PublicError | null;
  onRetry: () => void;
}

/** While the app asks the backend where things stand, or when that failed. */
export function StartScreen({ error, onRetry }: StartScreenProps) {
  const { t, localize } = useI18n();
  return (
    <div id="screen-start" class="screen screen-start">
      <div class="start-box">
        <BrandMark />
        {error ? (
          <>
            <h1 class="card-title">{t('app.startFailed')}</h1>
            <p class="form-error" role="alert">
              {localize(error.message)}
            </p>
            <button type="button" class="button button-primary" onClick={onRetry}>
              {t('app.retry')}
            </button>
          </>
        ) : (
          <p class="muted" role="status">
            {t('app.loading')}
          </p>
        )}
      </div>
    </div>
  );
}
