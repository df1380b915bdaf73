import { describe, expect, it } from 'vitest';
import { isPublicError, toPublicError } from './errors';

describe('toPublicError', () => {
  it('passes a PublicError through untouched', () => {
    const error = { code: 'throttled', message: { lv: 'Pagaidiet 30 s.', en: 'Wait 30 s.', ru: 'Подождите 30 с.' }, retryAfterSeconds: 30 };
    expect(toPublicError(error)).toBe(error);
  });

  it('knows the sync error codes', () => {
    for (const code of [
      'syncNotConfigured', 'alreadyConnected', 'serverUnreachable', 'deviceNotAuthorised', 'syncFailed',
      'serverCertificateUntrusted',
      'envelopeTampered', 'enrolmentInvalid', 'enrolmentCodeWrong', 'backupInvalid',
    ]) {
      const error = { code, message: { lv: 'Kļūda.', en: 'Error.', ru: 'Ошибка.' } };
      expect(toPublicError(error), code).toBe(error);
    }
  });

  it('knows the category error codes', () => {
    for (const code of ['categoryCodeTaken', 'categoryInUse', 'categoryNotFound']) {
      const error = { code, message: { lv: 'Kļūda.', en: 'Error.', ru: 'Ошибка.' } };
      expect(toPublicError(error), code).toBe(error);
    }
  });

  it('turns anything else into an internal error with text in every language', () => {
    for (const reason of [
      'command set_up not found',
      new Error('boom'),
      undefined,
      { code: 'nope' },
      { code: 'internal', message: { lv: 'Kļūda.', en: 'Error.' } },
    ]) {
      const error = toPublicError(reason);
      expect(error.code).toBe('internal');
      expect(isPublicError(error)).toBe(true);
      expect(error.message.lv).toMatch(/kļūda/);
      expect(error.message.en).toMatch(/error/);
      expect(error.message.ru).toMatch(/ошибка/);
    }
  });
});
