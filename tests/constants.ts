export const DEMO_KEYS = { intake: "demo-intake-key", hotline: "demo-hotline-key", stats: "demo-stats-key" } as const;
