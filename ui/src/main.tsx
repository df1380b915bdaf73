import { render } from 'preact';
import { App } from './app/App';
import { tauriBackend } from './ipc/commands';
import './styles/base.css';
import './styles/forms.css';
import './styles/layout.css';
import './styles/calls.css';
import './styles/referrals.css';
import './styles/reports.css';
import './styles/sync.css';
import './styles/audit.css';
import './styles/setup.css';

const root = document.getElementById('app');
if (root) render(<App backend={tauriBackend} />, root);
