import { UsersAdmin } from "@/components/admin/users-admin";
import { requirePageUser } from "@/lib/api/guard";

export const dynamic = "force-dynamic";
export const metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requirePageUser("/admin/users");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Users</h1>
      <UsersAdmin currentUserId={user.id} />
    </div>
  );
}
