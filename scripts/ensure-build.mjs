// Builds when the build is missing or stale (used by the benchmarks).
import { ensureBuilt, ensureInstalled } from "./lib.mjs";

ensureInstalled();
ensureBuilt();
