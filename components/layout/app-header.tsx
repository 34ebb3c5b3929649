import Link from "next/link";
import type { CurrentUser } from "@/lib/auth/current-user";
import { hasAnyRole } from "@/lib/auth/roles";
import { AdminMenu } from "./admin-menu";
import { ADMIN_ITEMS, NAV_ITEMS, type NavItem } from "./navigation";
import { NavLink } from "./nav-link";
import { ThemeToggle } from "../ui/theme-toggle";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ user, demo }: { user: CurrentUser; demo: boolean }) {
  const allowed = (item: NavItem) => item.policy === "public" || hasAnyRole(user.roles, item.policy);
  const items = NAV_ITEMS.filter(allowed);
  const adminItems = ADMIN_ITEMS.filter(allowed);
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex h-12 max-w-[1920px] items-center gap-4 px-4">
        <Link href="/" className="font-semibold tracking-tight">
          EHR-R1 Review
        </Link>
        {demo ? (
          <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100">
            Demo data
          </span>
        ) : null}
        <nav aria-label="Main" className="flex min-w-0 flex-1 items-center gap-0.5 text-sm">
          {items.map((item) => (
            <NavLink key={item.href} href={item.href}>
              {item.label}
            </NavLink>
          ))}
          {adminItems.length ? <AdminMenu items={adminItems} /> : null}
        </nav>
        <div className="flex shrink-0 items-center gap-3 text-sm">
          <Link
            href="/account"
            title="Your account and API tokens"
            className="text-slate-600 hover:underline dark:text-slate-300"
            data-testid="current-user"
          >
            {user.name} <span className="text-slate-500 dark:text-slate-400">({user.roles.join(", ")})</span>
          </Link>
          <ThemeToggle />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
