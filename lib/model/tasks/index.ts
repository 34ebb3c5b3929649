export * from "./task-types";
export * from "./task-catalog";
export { contextWindow, inWindow, defaultCutoff, ContextWindowError, type ContextWindow } from "./context-window";
export { targetItemsOf } from "./target-items";
export { parseRecordTime } from "./read-ground-truth";
