import '../styles/app.css';
import '../styles/forms.css';
import '../styles/account.css';
import '../styles/admin.tables.css';
import '../styles/campaign.css';
import '../styles/campaign.blocks.css';
import '../styles/campaign.print.css';
import '../styles/report.css';
import { mountFrame } from '../campaign/page.frame.ts';
import { whenSignedIn } from '../campaign/signin.gate.ts';
import { ReportPage } from './report.page.ts';

const { main } = mountFrame({ page: 'report', title: 'report.header', documentTitle: 'report.documentTitle', account: true });
whenSignedIn(main, () => new ReportPage());
