import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { DrillCell } from '@tangram/schema';
import type { BuiltOption } from './chart-option';
import type { ChartHandle } from './chart-types';
import type { ECharts } from './echarts-core';

interface EchartViewProps {
  readonly built: BuiltOption;
  readonly title: string;
  readonly height: number;
  readonly onCellClick?: ((cell: DrillCell) => void) | undefined;
  readonly ref?: Ref<ChartHandle> | undefined;
}

/**
 * One echarts instance on a canvas: created on mount, given each new option, resized with its box,
 * disposed on unmount. Clicks are mapped back to the drill cell through the option's `cell`.
 */
export function EchartView({ built, title, height, onCellClick, ref }: EchartViewProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const latest = useRef({ built, onCellClick });
  latest.current = { built, onCellClick };
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let instance: ECharts | null = null;
    let observer: ResizeObserver | null = null;
    let gone = false;
    // echarts is loaded with the first canvas chart, so pages without one never download it.
    void import('./echarts-core').then(({ init }) => {
      if (gone) return;
      const chartInstance = init(element, undefined, { renderer: 'canvas' });
      instance = chartInstance;
      chart.current = chartInstance;
      chartInstance.on('click', (params) => {
        const { built: current, onCellClick: click } = latest.current;
        const cell = current.cell(params.seriesIndex ?? 0, params.dataIndex ?? 0);
        if (cell && click) click(cell);
      });
      chartInstance.setOption(latest.current.built.option as Parameters<ECharts['setOption']>[0], { notMerge: true });
      // Drawn (animation included) for the first time: from now on the canvas shows the data.
      chartInstance.on('finished', () => setReady(true));
      observer = new ResizeObserver(() => chartInstance.resize());
      observer.observe(element);
    });
    return () => {
      gone = true;
      observer?.disconnect();
      instance?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a chart that changed kind or lost a series must not keep the old one's parts.
    chart.current?.setOption(built.option as Parameters<ECharts['setOption']>[0], { notMerge: true });
  }, [built]);

  useImperativeHandle(ref, () => ({ toPng: () => chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }) ?? null }), []);

  return <div ref={box} className="chart__canvas" role="img" aria-label={title} aria-busy={!ready} style={{ height }} data-clickable={onCellClick ? 'true' : undefined} data-ready={ready ? 'true' : undefined} />;
}
