import { NotFoundMessage } from "@/components/layout/not-found-message";

// notFound() from a page inside the app's frame: the (app) layout around it keeps the header.
export default function AppNotFound() {
  return <NotFoundMessage signedIn />;
}
