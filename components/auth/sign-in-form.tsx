"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient } from "@/lib/auth/auth-client";
import { safeNextPath } from "@/lib/auth/safe-next-path";

export function SignInForm({ oidc }: { oidc: { providerId: string; name: string } | null }) {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error: failure } = await authClient.signIn.email({
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    setPending(false);
    if (failure) {
      setError(
        failure.status === 429
          ? "Too many attempts from this address. Wait a minute and try again."
          : failure.code === "ACCOUNT_LOCKED"
            ? (failure.message ?? "This account is locked.")
            : "Wrong email or password.",
      );
      return;
    }
    router.replace(safeNextPath(params.get("next")));
    router.refresh();
  }

  async function signInWithOidc() {
    if (!oidc) return;
    setError(null);
    // genericOAuth registers the provider as a social provider of better-auth.
    const { error: failure } = await authClient.signIn.social({
      provider: oidc.providerId,
      callbackURL: safeNextPath(params.get("next")),
    });
    if (failure) setError("The identity provider could not be reached. Try again or use your password.");
  }

  return (
    <>
      {oidc ? (
        <div className="mb-6 space-y-3">
          <button
            type="button"
            onClick={signInWithOidc}
            className="w-full rounded border border-slate-300 px-3 py-2 font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Sign in with {oidc.name}
          </button>
          <p className="text-center text-xs text-slate-600 dark:text-slate-400">or with a local account</p>
        </div>
      ) : null}
      <form onSubmit={onSubmit} className="space-y-4" aria-describedby={error ? "sign-in-error" : undefined}>
        <div>
          <label htmlFor="email" className="block text-sm font-medium">
            Email
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
          />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="mt-1 block w-full rounded border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
          />
        </div>
        {error ? (
          <p id="sign-in-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded bg-sky-700 px-3 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </>
  );
}
