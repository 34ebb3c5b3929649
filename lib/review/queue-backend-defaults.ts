// Which backends the queue form starts with: EHR-R1 when one is configured (what the study is
// about), the baseline otherwise; a pairwise queue's B starts on another backend, and
// choosing A moves B off it unless B was picked by hand elsewhere.
export type BackendChoice = { id: string; kind: "baseline" | "openai_compatible"; isEhrR1: boolean };

export function defaultBackend(backends: readonly BackendChoice[]): string {
  return (
    backends.find((backend) => backend.isEhrR1)?.id ??
    backends.find((backend) => backend.kind === "baseline")?.id ??
    backends[0]?.id ??
    ""
  );
}

/** The first backend other than `id` (a pairwise default), or `id` itself when it is the only one. */
export function otherBackend(backends: readonly { id: string }[], id: string): string {
  return backends.find((backend) => backend.id !== id)?.id ?? id;
}

/** Backend B after A becomes `backendA`: moved off A, or to its default while untouched. */
export function backendBAfter(
  backends: readonly { id: string }[],
  backendA: string,
  backendB: string,
  isBChosen: boolean,
): string {
  return backendB === backendA || !isBChosen ? otherBackend(backends, backendA) : backendB;
}
