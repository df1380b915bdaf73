import { afterEach, describe, expect, it } from 'vitest';
import type { WorkProgress } from '../ipc/backend';
import { BackendContext } from '../ipc/context';
import { ALL_LOCALES, createI18n, I18nContext, type Locale } from '../i18n';
import { axeProblems } from '../testing/axe';
import { fakeBackend, type FakeBackend } from '../testing/fakeBackend';
import { $, click, get, mount, text, unmount } from '../testing/dom';
import { LongWorkProgress } from './LongWorkProgress';

afterEach(unmount);

async function showBar(locale: Locale, progress: WorkProgress | null): Promise<{ backend: FakeBackend; container: HTMLElement }> {
  const backend = fakeBackend({ state: 'locked', language: locale, session: null });
  backend.longWorkProgress.mockResolvedValue(progress);
  const container = await mount(
    <BackendContext.Provider value={backend}>
      <I18nContext.Provider value={createI18n(locale)}>
        <LongWorkProgress id="work" work="longWork.backup" />
      </I18nContext.Provider>
    </BackendContext.Provider>,
  );
  return { backend, container };
}

const halfway: WorkProgress = { unit: 'records', done: 1200, total: 5000 };

describe('the progress of long work', () => {
  it('says how far the work is, in Latvian and in English', async () => {
    await showBar('lv', halfway);
    // Latvian groups thousands from five digits on (with a no-break space), depending on the ICU data.
    expect(text('#work-text')).toMatch(/^Saglabā rezerves kopiju: 1\s?200 no 5\s?000 ierakstiem$/);
    expect(get<HTMLProgressElement>('#work-bar').value).toBe(1200);
    expect(get<HTMLProgressElement>('#work-bar').max).toBe(5000);
    expect(text('#work-announce')).toBe('Saglabā rezerves kopiju: 0 % paveikti');
    unmount();

    await showBar('en', { unit: 'pages', done: 3, total: 4 });
    expect(text('#work-text')).toBe('Saving the backup: 3 of 4 pages');
    expect(text('#work-announce')).toBe('Saving the backup: 75 % done');
    unmount();

    await showBar('en', { unit: 'bytes', done: 2_621_440, total: 10_485_760 });
    expect(text('#work-text')).toBe('Saving the backup: 2.5 MB of 10 MB');
  });

  it('offers Stop only once the work reports, and Stop asks the backend to stop it', async () => {
    await showBar('lv', null);
    expect(text('#work-text')).toBe('Saglabā rezerves kopiju: Sāk…');
    expect($('#work-stop')).toBeNull();
    unmount();

    const { backend } = await showBar('en', halfway);
    await click('#work-stop');
    expect(backend.cancelLongWork).toHaveBeenCalledTimes(1);
    expect(text('#work-stop')).toBe('Stopping…');
  });

  for (const locale of ALL_LOCALES) {
    it(`has no serious accessibility problem in ${locale}`, async () => {
      const { container } = await showBar(locale, halfway);
      expect(await axeProblems(container)).toEqual([]);
    });
  }
});
