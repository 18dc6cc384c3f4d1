"use client";

import type * as Charts from "echarts/charts";
import type * as Components from "echarts/components";
import type * as Core from "echarts/core";
import type * as Renderers from "echarts/renderers";
import { type ReactNode, useEffect, useRef, useState } from "react";

export interface ChartSpec {
  kind: "line" | "bar";
  /** category labels (days, levels) and one number each */
  labels: string[];
  values: number[];
  /** what the chart shows, in words: screen readers read this and the table/figures kept beside it */
  summary: string;
}

const BRAND = "#b91c1c";

/**
 * A client island for /admin/stats only: ECharts is imported in the effect, so it is a chunk of its
 * own that no other page loads (DESIGN §8), tree-shaken to a line, a bar, a grid, a tooltip and the
 * SVG renderer (no eval: it works under the nonce CSP). Until it has drawn — or when it cannot —
 * `children` (the CSS figures) stay visible; afterwards they stay in the page for screen readers.
 */
type Lib = [typeof Core, typeof Charts, typeof Components, typeof Renderers];

export function StatsChart({ spec, children }: { spec: ChartSpec; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [lib, setLib] = useState<Lib | null>(null);
  useEffect(() => {
    let cancelled = false;
    Promise.all([
      import("echarts/core"),
      import("echarts/charts"),
      import("echarts/components"),
      import("echarts/renderers"),
    ])
      .then((loaded) => {
        if (!cancelled) setLib(loaded);
      })
      .catch(() => undefined); // the figures stay as they are
    return () => {
      cancelled = true;
    };
  }, []);
  useEffect(() => {
    if (!lib || !box.current) return;
    const [core, charts, components, renderers] = lib;
    core.use([
      charts.LineChart,
      charts.BarChart,
      components.GridComponent,
      components.TooltipComponent,
      renderers.SVGRenderer,
    ]);
    const chart = core.init(box.current, null, { renderer: "svg" });
    const line = spec.kind === "line";
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 32, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      color: [BRAND],
      textStyle: { fontFamily: "inherit", fontSize: 13 },
      xAxis: line
        ? { type: "category", data: spec.labels, boundaryGap: false }
        : { type: "value", minInterval: 1 },
      yAxis: line
        ? { type: "value", minInterval: 1 }
        : { type: "category", data: spec.labels, inverse: true },
      series: [
        line
          ? { type: "line", data: spec.values, symbolSize: 6, areaStyle: { opacity: 0.08 } }
          : {
              type: "bar",
              data: spec.values,
              barMaxWidth: 18,
              label: { show: true, position: "right" },
            },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [lib, spec]);
  return (
    <>
      {lib && (
        <div
          ref={box}
          role="img"
          aria-label={spec.summary}
          data-chart={spec.kind}
          className={`mt-2 w-full ${spec.kind === "line" ? "h-72" : "h-48"}`}
        />
      )}
      <div className={lib ? "sr-only" : undefined}>{children}</div>
    </>
  );
}
