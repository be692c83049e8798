/**
 * Chart colours. Green is buried cable (as on the public map), dark blue the all-time count,
 * bright blue the chosen year, and the target tick is near-black so it reads in greyscale print.
 */
export const CHART_COLOURS = {
  removed: '#17375e',
  year: '#0b57d0',
  buried: '#2e9444',
  target: '#1f2328',
  baselineArea: 'rgba(246, 195, 91, 0.22)',
  baselineLine: '#b3261e',
  reportMonth: '#c98a00',
  axis: '#57606a',
  grid: '#e6e9ed',
} as const;

/** The page's own font stack (app.css), so chart text uses the same system CJK fonts. */
export function pageFont(): string {
  return getComputedStyle(document.body).fontFamily || 'sans-serif';
}
