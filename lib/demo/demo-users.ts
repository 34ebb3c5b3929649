// The demo accounts (demo mode only; the README lists them). Their passwords are public by
// design: demo mode holds synthetic patients only and is off on an operator's database.
import type { Role } from "../auth/roles";

export const DEMO_USERS: readonly { email: string; name: string; roles: Role[]; password: string }[] = [
  { email: "admin@demo.local", name: "Ada Admin", roles: ["admin"], password: "demo-admin-pass" },
  { email: "clinician@demo.local", name: "Chris Clinician", roles: ["clinician"], password: "demo-clinician-pass" },
  { email: "annotator@demo.local", name: "Ann Annotator", roles: ["annotator"], password: "demo-annotator-pass" },
];
