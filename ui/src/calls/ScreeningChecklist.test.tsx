import { afterEach, describe, expect, it, vi } from 'vitest';
import { storedCall, type FakeBackend } from '../testing/fakeBackend';
import { advance, click, get, mount, press, text, unmount } from '../testing/dom';
import { openCalls, startDraft } from '../testing/callsApp';
import { axeProblems } from '../testing/axe';
import { ALL_LOCALES, createI18n, I18nContext } from '../i18n';
import { ScreeningChecklist } from './ScreeningChecklist';

afterEach(() => {
  unmount();
  vi.useRealTimers();
});


const savedIndicators = (backend: FakeBackend) => backend.saveCallDraft.mock.lastCall![1].indicators;
const checked = (selector: string) => get<HTMLInputElement>(selector).checked;

describe('the trafficking-indicator checklist', () => {
  it('asks the seven groups, each with its question, and starts not screened', async () => {
    await startDraft();
    const names = [...document.querySelectorAll('#call-screening .screening-name')].map((name) => name.textContent);
    expect(names).toEqual([
      'Maldināšana par darbu',
      'Aizturēti dokumenti',
      'Parāds',
      'Ierobežota pārvietošanās',
      'Draudi vai vardarbība',
      'Izolācija',
      'Slikti dzīves vai darba apstākļi',
      'Pajautāts — pazīmes nav novērotas',
    ]);
    expect(text('#call-indicator-documentsWithheld-ask')).toBe('Vai pasi vai personas apliecību glabā kāds cits?');
    expect(text('#call-screening-status')).toBe('Vēl nav pārbaudīts.');
    expect([...document.querySelectorAll<HTMLInputElement>('#call-screening input')].some((box) => box.checked)).toBe(false);
  });

  it('autosaves the groups ticked in the checklist order, and keeps "asked, none" apart from "not screened"', async () => {
    const backend = await startDraft();
    await click('#call-indicator-isolation');
    await click('#call-indicator-debt');
    await advance(1100);
    expect(savedIndicators(backend)).toEqual(['debt', 'isolation']);
    expect(text('#call-screening-status')).toBe('Novērotās pazīmes: 2.');

    await click('#call-indicator-debt');
    await click('#call-indicator-isolation');
    await advance(1100);
    expect(savedIndicators(backend)).toEqual([]);
    expect(checked('#call-indicator-none')).toBe(true);
    expect(text('#call-screening-status')).toBe('Novērotās pazīmes: 0.');

    await click('#call-indicator-none');
    await advance(1100);
    expect(savedIndicators(backend)).toBeUndefined();
    expect(text('#call-screening-status')).toBe('Vēl nav pārbaudīts.');

    await click('#call-indicator-none');
    await click('#call-indicator-threatsOrViolence');
    expect(checked('#call-indicator-none')).toBe(false);
    await advance(1100);
    expect(savedIndicators(backend)).toEqual(['threatsOrViolence']);
  });

  it('is reached with Alt+T from anywhere in the form', async () => {
    const backend = await startDraft();
    expect(document.activeElement?.id).toBe('call-line');
    await press('t', { code: 'KeyT', altKey: true });
    expect(document.activeElement?.id).toBe('call-indicator-deceptionAboutWork');
    await click('#call-indicator-deceptionAboutWork');
    await advance(1100);
    expect(savedIndicators(backend)).toEqual(['deceptionAboutWork']);
  });

  for (const locale of ALL_LOCALES) {
    it(`has no serious accessibility problem in ${locale}`, async () => {
      const container = await mount(
        <I18nContext.Provider value={createI18n(locale)}>
          <ScreeningChecklist value={['debt']} onChange={() => undefined} />
        </I18nContext.Provider>,
      );
      expect(await axeProblems(container)).toEqual([]);
    });
  }
});

describe('a finished call', () => {
  it('names the groups observed, or says it was not screened', async () => {
    await openCalls((fake) => {
      fake.calls.set('c1', storedCall('c1', 'final', { startedAt: '2026-11-20T09:05:00Z', indicators: ['debt', 'isolation'] }));
      fake.calls.set('c2', storedCall('c2', 'final', { startedAt: '2026-11-20T10:05:00Z' }));
      fake.calls.set('c3', storedCall('c3', 'final', { startedAt: '2026-11-20T11:05:00Z', indicators: [] }));
    });
    await click('.call-row[data-id="c1"]');
    expect(text('#call-view')).toContain('Cilvēku tirdzniecības pazīmesParāds, Izolācija');
    await press('Escape');
    await click('.call-row[data-id="c2"]');
    expect(text('#call-view')).toContain('Cilvēku tirdzniecības pazīmesNav pārbaudīts');
    await press('Escape');
    await click('.call-row[data-id="c3"]');
    expect(text('#call-view')).toContain('Cilvēku tirdzniecības pazīmesPārbaudīts, pazīmes nav novērotas');
  });
});
