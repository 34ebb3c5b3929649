import { headers } from "next/headers";
import { AppHeader } from "@/components/layout/app-header";
import { NotFoundMessage } from "@/components/layout/not-found-message";
import { userFromHeaders } from "@/lib/auth/current-user";
import { isDemoMode } from "@/lib/demo/demo-mode";

export const metadata = { title: "Page not found" };

// An address no route matches. It renders outside the (app) layout, so it draws the same
// header itself for a signed-in user; a visitor gets the sign-in link.
export default async function NotFound() {
  const user = await userFromHeaders(await headers());
  if (!user) {
    return (
      <main className="p-4">
        <NotFoundMessage signedIn={false} />
      </main>
    );
  }
  return (
    <>
      <AppHeader user={user} demo={isDemoMode()} />
      <main className="mx-auto max-w-[1920px] p-4">
        <NotFoundMessage signedIn />
      </main>
    </>
  );
}
