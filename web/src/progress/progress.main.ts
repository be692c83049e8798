import 'leaflet/dist/leaflet.css';
import '../styles/app.css';
import '../styles/forms.css';
import '../styles/map.css';
import '../styles/campaign.css';
import '../styles/campaign.blocks.css';
import '../styles/campaign.print.css';
import '../styles/progress.css';
import { mountFrame } from '../campaign/page.frame.ts';
import { ProgressPage } from './progress.page.ts';

const { main } = mountFrame({ page: 'progress', title: 'pub.title', documentTitle: 'pub.documentTitle', account: false });
new ProgressPage(main);
