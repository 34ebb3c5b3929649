import Link from "next/link";
import { requirePageUser } from "@/lib/api/guard";

export const metadata = { title: "Not allowed" };

export default async function ForbiddenPage() {
  const user = await requirePageUser("/forbidden");
  return (
    <main className="mx-auto max-w-lg p-10">
      <h1 className="text-xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Your roles ({user.roles.join(", ") || "none"}) do not give access to that page. Ask an admin if you need it.
      </p>
      <Link href="/" className="mt-4 inline-block text-sky-700 underline dark:text-sky-400">
        Back to the start page
      </Link>
    </main>
  );
}
