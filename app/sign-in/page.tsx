import type { Metadata } from "next";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/sign-in-form";
import { OIDC_PROVIDER_ID, isOidcConfigured, oidcDisplayName } from "@/lib/auth/oidc";
import { holdsNonDemoPatients } from "@/lib/demo/demo-cohort-data";
import { isDemoMode } from "@/lib/demo/demo-mode";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage() {
  const demo = isDemoMode();
  // Demo accounts beside imported records: the note must not promise synthetic data.
  const realData = demo && (await holdsNonDemoPatients());
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="text-xl font-semibold">EHR-R1 Review</h1>
        <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">Sign in to review model predictions.</p>
        <Suspense>
          <SignInForm oidc={isOidcConfigured() ? { providerId: OIDC_PROVIDER_ID, name: oidcDisplayName() } : null} />
        </Suspense>
        {demo ? (
          <p className="mt-6 rounded bg-amber-50 p-3 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            {realData
              ? "Demo mode: demo accounts (listed in the README) are on, and records other than the synthetic demo patients have been imported."
              : "Demo mode: synthetic patients only. Demo accounts are listed in the README."}
          </p>
        ) : null}
      </div>
    </main>
  );
}
