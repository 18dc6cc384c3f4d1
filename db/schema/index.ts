export * from "./catalog";
export * from "./cases";
export * from "./identity";
export * from "./outbox";
export * from "./platform";
export * from "./qr";
export * from "./ratings";
export * from "./auth";
export * from "./admin";
export * from "./appeals";
export * from "./workorders";
export * from "./sign-in";
export * from "./citizen";

