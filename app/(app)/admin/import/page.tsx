import { ImportAdmin } from "@/components/import/import-admin";
import { ImportJobDetail } from "@/components/import/import-job-detail";
import { requirePageUser } from "@/lib/api/guard";
import { getImportJob } from "@/lib/ehr/import/list-import-jobs";

export const dynamic = "force-dynamic";
export const metadata = { title: "Import" };

export default async function ImportPage({ searchParams }: { searchParams: Promise<{ job?: string }> }) {
  await requirePageUser("/admin/import");
  const { job: jobId } = await searchParams;
  const job = jobId ? await getImportJob(jobId).catch(() => null) : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Import EHR data</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        An import lands whole or not at all; importing the same files again adds nothing.
      </p>
      {job ? <ImportJobDetail job={job} /> : null}
      <ImportAdmin />
    </div>
  );
}
