import { describe, expect, it } from 'vitest';
import { publicError } from '../testing/fakeBackend';
import { NO_ANSWERS, missingAnswers, placeRefusal } from './answers';
import { nextStep, previousStep, stepOfField, stepsOf } from './steps';

describe('the wizard steps', () => {
  it('go organisation, supervisor, region, server, directory, done when creating', () => {
    const seen = ['start'];
    for (let step = nextStep('create', 'start'); step; step = nextStep('create', step)) seen.push(step);
    expect(seen).toEqual(['start', 'organisation', 'supervisor', 'region', 'server', 'directory', 'done']);
    expect(stepsOf('join')).toEqual(['start', 'join', 'done']);
  });

  it('go back freely until the device exists, and never back past its creation', () => {
    expect(previousStep('create', 'start', false)).toBeNull();
    expect(previousStep('create', 'organisation', false)).toBe('start');
    expect(previousStep('create', 'region', false)).toBe('supervisor');
    expect(previousStep('create', 'server', true)).toBeNull();
    expect(previousStep('create', 'directory', true)).toBe('server');
    expect(previousStep('create', 'done', true)).toBe('directory');
    expect(previousStep('join', 'join', false)).toBe('start');
    expect(previousStep('join', 'done', true)).toBeNull();
  });

  it('know which step shows a field the backend names', () => {
    expect(stepOfField('create', 'organisationName')).toBe('organisation');
    expect(stepOfField('create', 'passphrase')).toBe('supervisor');
    expect(stepOfField('create', 'serverUrl')).toBe('server');
    expect(stepOfField('join', 'passphrase')).toBe('join');
    expect(stepOfField('create', 'somethingElse')).toBeNull();
    expect(stepOfField('create', undefined)).toBeNull();
  });
});

describe('a refused set-up', () => {
  it('goes to the step and field it concerns', () => {
    const short = publicError('invalidInput', 'Parole ir par īsu.', 'Too short.', { field: 'passphrase' });
    expect(placeRefusal('create', short)).toEqual({
      step: 'supervisor',
      problems: { fields: { passphrase: { localized: short.message } } },
    });
    const wrongCode = publicError('enrolmentCodeWrong', 'Kods neatver.', 'The code does not open it.');
    expect(placeRefusal('join', wrongCode)).toMatchObject({ step: 'join', problems: { fields: { code: {} } } });
    const expired = publicError('enrolmentInvalid', 'Novecojis.', 'Expired.');
    expect(placeRefusal('join', expired)).toMatchObject({ step: 'join', problems: { fields: { package: {} } } });
  });

  it('stays on the current step, at the top, when it concerns no field', () => {
    const disk = publicError('storage', 'Nevar ierakstīt.', 'Cannot write.');
    expect(placeRefusal('create', disk)).toEqual({ step: null, problems: { form: { localized: disk.message }, fields: {} } });
  });
});

describe('answers a step needs', () => {
  it('are the empty required ones and a passphrase typed differently twice', () => {
    const answers = { ...NO_ANSWERS, login: 'anna', passphrase: 'viens divi trīs', repeat: 'viens divi' };
    expect(missingAnswers(answers, ['login', 'displayName', 'passphraseRepeat', 'package']).fields).toEqual({
      displayName: { key: 'setup.required' },
      passphraseRepeat: { key: 'form.passphraseMismatch' },
      package: { key: 'join.noPackage' },
    });
    expect(missingAnswers({ ...answers, displayName: 'Anna', repeat: answers.passphrase }, ['login', 'displayName', 'passphraseRepeat']).fields).toEqual({});
  });
});
