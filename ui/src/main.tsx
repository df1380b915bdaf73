import { render } from 'preact';
import { App } from './app/App';
import { readLaunchStatus } from './app/launchStatus';
import { platformOf } from './app/platform';
import { loadLocale } from './i18n';
import { tauriBackend } from './ipc/commands';
import './styles/base.css';
import './styles/forms.css';
import './styles/badges.css';
import './styles/layout.css';
import './styles/calls.css';
import './styles/referrals.css';
import './styles/reports.css';
import './styles/sync.css';
import './styles/audit.css';
import './styles/overview.css';
import './styles/setup.css';

document.documentElement.dataset.platform = platformOf(navigator.userAgent);
const root = document.getElementById('app');
const launchStatus = readLaunchStatus();
if (root) {
  // English texts are loaded before the first screen, so it is not drawn in Latvian first.
  loadLocale(launchStatus?.language ?? 'lv').then(
    () => render(<App backend={tauriBackend} launchStatus={launchStatus} />, root),
    () => render(<App backend={tauriBackend} />, root),
  );
}
