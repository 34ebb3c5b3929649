// A keyboard key as shown next to the option it picks; inverted on a filled (chosen) button.
export function Keycap({ children, isInverted = false }: { children: string; isInverted?: boolean }) {
  const tone = isInverted
    ? "border-white/60 bg-white/15 text-white"
    : "border-slate-300 bg-slate-50 text-slate-700 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200";
  return (
    <kbd
      className={`inline-flex min-w-5 items-center justify-center rounded border px-1 font-mono text-[11px] leading-4 ${tone}`}
    >
      {children}
    </kbd>
  );
}
