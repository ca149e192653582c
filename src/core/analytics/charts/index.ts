/** Pure, dependency-free SVG charts for the retention analytics (API, CLI and dashboard). */
export { renderGroupedBarChart, type BarSeries, type GroupedBarChartInput } from './bar-chart.js';
export { heatMapScale, renderHeatMap, type HeatMapInput } from './heat-map.js';
export { renderLineChart, type LineChartInput, type LineSeries, type Point } from './line-chart.js';
export { escapeXml } from './svg.js';
