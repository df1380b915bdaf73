// Every test starts with all languages loaded, as a switch finds them a
// moment after it is asked for, so a render never waits on a chunk (their
// loading has its own tests: lib/onDemand.test.ts, i18n/locales.test.ts).
import { ALL_LOCALES, loadLocale } from '../i18n';

await Promise.all(ALL_LOCALES.map(loadLocale));
