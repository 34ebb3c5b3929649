import { ApiTokens } from "@/components/account/api-tokens";
import { requirePageUser } from "@/lib/api/guard";

export const dynamic = "force-dynamic";
export const metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requirePageUser("/account");
  return (
    <div className="max-w-4xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Account</h1>
        <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
          <dt className="text-slate-600 dark:text-slate-400">Name</dt>
          <dd>{user.name}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Email</dt>
          <dd>{user.email}</dd>
          <dt className="text-slate-600 dark:text-slate-400">Roles</dt>
          <dd>{user.roles.join(", ") || "none (ask an admin)"}</dd>
        </dl>
      </div>
      <ApiTokens />
    </div>
  );
}
