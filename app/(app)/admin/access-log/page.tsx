import { AccessLogViewer } from "@/components/admin/access-log-viewer";
import { requirePageUser } from "@/lib/api/guard";

export const dynamic = "force-dynamic";
export const metadata = { title: "Access log" };

export default async function AccessLogPage() {
  await requirePageUser("/admin/access-log");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Access log</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Who opened which patient, run or export, and when. Append-only: the database refuses changes to it.
      </p>
      <AccessLogViewer />
    </div>
  );
}
