import { onLangChange, t } from '../i18n/i18n.ts';
import { h } from '../ui/dom.builder.ts';
import { createChart, type ChartOption, type ECharts } from './echarts.setup.ts';

const views = new Set<ChartView>();

// Printing lays the page out again at paper width; a canvas sized for the screen would be
// cut off or stretched, so every chart is resized when print starts and again when it ends.
function resizeAll(): void {
  for (const view of views) view.resize();
}
window.addEventListener('beforeprint', resizeAll);
window.addEventListener('afterprint', resizeAll);
window.matchMedia('print').addEventListener('change', resizeAll);

/**
 * One chart in a figure with an HTML caption (translatable, selectable, printed as text).
 * The option is rebuilt from its builder on a language switch, so labels follow the switch.
 * `data-chart-ready` is set once drawn, for people's scripts and the browser tests alike.
 */
export class ChartView {
  readonly el: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly canvasBox: HTMLElement;
  private chart: ECharts | null = null;
  private build: (() => ChartOption) | null = null;

  constructor(
    private readonly title: () => string,
    options: { testId: string; tall?: boolean },
  ) {
    this.caption = h('figcaption', { class: 'chart-title' });
    this.canvasBox = h('div', { class: options.tall ? 'chart-box chart-box-tall' : 'chart-box', role: 'img' });
    this.el = h('figure', { class: 'chart', 'data-testid': options.testId }, this.caption, this.canvasBox);
    this.label();
    onLangChange(() => {
      this.label();
      this.draw();
    });
    new ResizeObserver(() => this.resize()).observe(this.canvasBox);
    views.add(this);
  }

  /** Draws (or redraws) the chart; call once the figure is in the document. */
  show(build: () => ChartOption): void {
    this.build = build;
    this.draw();
  }

  resize(): void {
    this.chart?.resize();
  }

  private label(): void {
    this.caption.textContent = this.title();
    this.canvasBox.setAttribute('aria-label', t('chart.label', { title: this.title() }));
  }

  private draw(): void {
    if (!this.build || !this.el.isConnected) return;
    if (!this.chart) {
      this.chart = createChart(this.canvasBox);
      this.chart.on('finished', () => this.el.setAttribute('data-chart-ready', '1'));
    }
    this.chart.setOption(this.build(), { notMerge: true });
  }
}
