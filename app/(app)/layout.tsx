import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { requirePageUser } from "@/lib/api/guard";
import { isDemoMode } from "@/lib/demo/demo-mode";

// Every page inside (app) is for signed-in users; each page also checks its own roles.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser("/");
  return (
    <>
      <AppHeader user={user} demo={isDemoMode()} />
      <main className="mx-auto max-w-[1920px] p-4">{children}</main>
    </>
  );
}
