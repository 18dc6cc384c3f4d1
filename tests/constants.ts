export const DEMO_KEYS = {
  intake: "demo-intake-key",
  hotline: "demo-hotline-key",
  stats: "demo-stats-key",
  metrics: "demo-metrics-key",
} as const;
