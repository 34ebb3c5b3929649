// The model library: EHR-Bench tasks, the EHR-R1 prompt serializer, backends (registry,
// streaming client, health), the baseline predictor and the answer/reasoning parser. Pure
// TypeScript without React or database access; lib/model/testing is for tests only.
export * from "./record";
export * from "./stream-events";
export * from "./tasks";
export * from "./prompt";
export * from "./parse";
export * from "./backends";
export * from "./baseline";
