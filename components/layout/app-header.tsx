import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/current-user";
import { hasAnyRole } from "@/lib/auth/roles";
import { NAV_ITEMS } from "./navigation";
import { NavLink } from "./nav-link";
import { ThemeToggle } from "../ui/theme-toggle";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ user, demo }: { user: CurrentUser; demo: boolean }) {
  const items = NAV_ITEMS.filter((item) => item.policy === "public" || hasAnyRole(user.roles, item.policy));
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex h-12 max-w-[1920px] items-center gap-6 px-4">
        <Link href="/" className="font-semibold tracking-tight">
          EHR-R1 Review
        </Link>
        {demo ? (
          <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100">
            Demo data
          </span>
        ) : null}
        <nav aria-label="Main" className="flex flex-1 items-center gap-1 text-sm">
          {items.map((item) => (
            <NavLink key={item.href} href={item.href}>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="flex items-center gap-3 text-sm">
          <span className="text-slate-600 dark:text-slate-300" data-testid="current-user">
            {user.name} <span className="text-slate-500 dark:text-slate-400">({user.roles.join(", ")})</span>
          </span>
          <ThemeToggle />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
