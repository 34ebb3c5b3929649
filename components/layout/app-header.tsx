import type { CurrentUser } from "@/lib/auth/current-user";
import { hasAnyRole } from "@/lib/auth/roles";
import { AdminMenu } from "./admin-menu";
import { ADMIN_ITEMS, NAV_ITEMS, type NavItem } from "./navigation";
import { IntentLink } from "./intent-link";
import { NavLink } from "./nav-link";
import { ThemeToggle } from "../ui/theme-toggle";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ user, demo }: { user: CurrentUser; demo: boolean }) {
  const allowed = (item: NavItem) => item.policy === "public" || hasAnyRole(user.roles, item.policy);
  const items = NAV_ITEMS.filter(allowed);
  const adminItems = ADMIN_ITEMS.filter(allowed);
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      {/* One line from 1024 px; below, the navigation takes a second line of its own. */}
      <div className="mx-auto flex min-h-12 max-w-[1920px] flex-wrap items-center gap-x-4 gap-y-1 px-4 py-1.5 lg:flex-nowrap lg:py-0">
        <IntentLink href="/" className="font-semibold tracking-tight whitespace-nowrap">
          EHR-R1 Review
        </IntentLink>
        {demo ? (
          <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100">
            Demo data
          </span>
        ) : null}
        <nav
          aria-label="Main"
          className="order-last flex w-full min-w-0 flex-wrap items-center gap-0.5 text-sm lg:order-none lg:w-auto lg:flex-1"
        >
          {items.map((item) => (
            <NavLink key={item.href} href={item.href}>
              {item.label}
            </NavLink>
          ))}
          {adminItems.length ? <AdminMenu items={adminItems} /> : null}
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-3 text-sm">
          <IntentLink
            href="/account"
            title="Your account and API tokens"
            className="min-w-0 truncate text-slate-700 hover:underline dark:text-slate-300"
            data-testid="current-user"
          >
            {user.name} <span className="text-slate-600 dark:text-slate-400">({user.roles.join(", ")})</span>
          </IntentLink>
          <ThemeToggle />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
