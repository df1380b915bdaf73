import { afterEach, describe, expect, it, vi } from 'vitest';
import { click, get, mount, unmount } from '../testing/dom';
import { createI18n, I18nContext, loadLocale } from './index';
import { LanguageSwitch } from './LanguageSwitch';

afterEach(unmount);

describe('LanguageSwitch', () => {
  it('offers Latvian, English and Russian, each named in its own language', async () => {
    await mount(<LanguageSwitch language="lv" onChange={() => undefined} />);
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('.language-switch button')];
    expect(buttons.map((button) => button.textContent)).toEqual(['LV', 'EN', 'RU']);
    expect(buttons.map((button) => button.lang)).toEqual(['lv', 'en', 'ru']);
    expect(get('#lang-ru').title).toBe('Русский');
    expect(buttons.map((button) => button.getAttribute('aria-pressed'))).toEqual(['true', 'false', 'false']);
  });

  it('asks for Russian on one click and ignores a click on the language already chosen', async () => {
    const onChange = vi.fn();
    await mount(<LanguageSwitch language="lv" onChange={onChange} />);
    await click('#lang-lv');
    await click('#lang-ru');
    expect(onChange.mock.calls).toEqual([['ru']]);
  });

  it('shows Russian as chosen and labels its group in Russian', async () => {
    await loadLocale('ru');
    await mount(
      <I18nContext.Provider value={createI18n('ru')}>
        <LanguageSwitch language="ru" onChange={() => undefined} />
      </I18nContext.Provider>,
    );
    expect(get('.language-switch').getAttribute('aria-label')).toBe('Язык');
    expect(get('#lang-ru').getAttribute('aria-pressed')).toBe('true');
    expect(get('#lang-lv').getAttribute('aria-pressed')).toBe('false');
  });
});
