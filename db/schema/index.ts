export * from "./catalog";
export * from "./cases";
export * from "./platform";
