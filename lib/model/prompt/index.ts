export * from "./serialize-prompt";
export { estimateTokens, CHAT_TEMPLATE_OVERHEAD_TOKENS, type TokenCounter } from "./estimate-tokens";
export { pythonTitle, formatPythonFloat, pythonStr, pythonRepr } from "./python-format";
export { formatCell, formatBlock, formatEventBlock } from "./format-event-block";
export { TABLE_SPECS, resolveTableKey, tableSpecFor, type TableSpec, type ColumnSpec } from "./mimic-tables";
