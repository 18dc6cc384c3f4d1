import type { NextConfig } from "next";

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // the native libSQL module must be loaded by Node, not bundled
  serverExternalPackages: ["@libsql/client", "libsql", "pino"],
  typedRoutes: false,
};

export default config;
