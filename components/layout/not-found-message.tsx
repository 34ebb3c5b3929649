import Link from "next/link";

/** What a missing page or record says, inside whichever frame shows it. */
export function NotFoundMessage({ signedIn }: { signedIn: boolean }) {
  return (
    <div className="mx-auto max-w-lg py-10">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        There is nothing at this address, or the record it names does not exist or is not open to you.
      </p>
      <Link href={signedIn ? "/" : "/sign-in"} className="mt-4 inline-block text-sky-700 underline dark:text-sky-400">
        {signedIn ? "Back to the overview" : "Sign in"}
      </Link>
    </div>
  );
}
