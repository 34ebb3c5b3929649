// Browser side of better-auth (same origin as the app).
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient();
