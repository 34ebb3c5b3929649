"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { IntentLink } from "./intent-link";
import type { NavItem } from "./navigation";

/** A native <details> menu: keyboard-operable as it is; closes on navigation and Escape. */
export function AdminMenu({ items }: { items: readonly NavItem[] }) {
  const pathname = usePathname();
  const menu = useRef<HTMLDetailsElement>(null);
  const isActive = items.some((item) => pathname.startsWith(item.href));
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  return (
    <details
      ref={menu}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === "Escape" && menu.current) menu.current.open = false;
      }}
    >
      <summary
        className={`cursor-pointer list-none rounded px-2 py-1 whitespace-nowrap ${
          isActive
            ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
            : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
        }`}
      >
        Admin ▾
      </summary>
      <ul className="absolute z-20 mt-1 min-w-40 rounded border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
        {items.map((item) => (
          <li key={item.href}>
            <IntentLink
              href={item.href}
              aria-current={pathname.startsWith(item.href) ? "page" : undefined}
              className="block px-3 py-1.5 hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              {item.label}
            </IntentLink>
          </li>
        ))}
      </ul>
    </details>
  );
}
