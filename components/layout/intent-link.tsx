"use client";

// A link of the app's frame that prefetches its page when the reader reaches for it (pointer
// over it, keyboard focus, a touch), not when it comes into view. Next prefetches every
// visible <Link> by default: the header's eight links cost eight server renders (sixteen
// requests) on every page view, which on a patient page run beside the record's own reads and
// delay its timeline. A link reached for still opens at once.
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

type IntentLinkProps = Omit<ComponentProps<typeof Link>, "href" | "prefetch"> & { href: string };

export function IntentLink({ href, onMouseEnter, onFocus, onTouchStart, ...props }: IntentLinkProps) {
  const router = useRouter();
  const prefetch = () => router.prefetch(href);
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(event) => {
        prefetch();
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        prefetch();
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        prefetch();
        onTouchStart?.(event);
      }}
    />
  );
}
