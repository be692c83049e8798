import '../styles/app.css';
import '../styles/forms.css';
import '../styles/account.css';
import '../styles/admin.css';
import '../styles/admin.tables.css';
import { AccountMenu } from '../auth/account.menu.ts';
import { loadSession } from '../auth/session.actions.ts';
import { applyDocumentLang } from '../i18n/i18n.ts';
import { ErrorBanner } from '../ui/error.banner.ts';
import { HeaderView } from '../ui/header.view.ts';
import { AdminShell } from './admin.shell.ts';

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`admin.html lacks #${id}`);
  return el;
}

applyDocumentLang('admin.documentTitle');
const banner = new ErrorBanner(byId('banner'));
const account = new AccountMenu({ link: 'map', onError: (message) => banner.show('account', { message: () => message }) });
new HeaderView(byId('app-header'), { title: 'admin.title', account: account.el });
const shell = new AdminShell(byId('admin-main'));
void Promise.all([loadSession(), shell.start()]);
