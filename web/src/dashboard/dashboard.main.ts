import '../styles/app.css';
import '../styles/forms.css';
import '../styles/account.css';
import '../styles/admin.tables.css';
import '../styles/campaign.css';
import '../styles/campaign.blocks.css';
import '../styles/campaign.print.css';
import { mountFrame } from '../campaign/page.frame.ts';
import { whenSignedIn } from '../campaign/signin.gate.ts';
import { DashboardPage } from './dashboard.page.ts';

const { main } = mountFrame({ page: 'dashboard', title: 'dash.title', documentTitle: 'dash.documentTitle', account: true });
whenSignedIn(main, () => new DashboardPage());
