// better-auth's own endpoints (sign-in, sign-out, session). Public by nature: they are how
// a user becomes signed in; better-auth checks the Origin of every POST.
import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";

export const { GET, POST } = toNextJsHandler(auth);
