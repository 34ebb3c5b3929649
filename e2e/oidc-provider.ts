// A real OpenID Connect provider (panva's oidc-provider, certified) standing in for a
// hospital's identity provider in the e2e run. Its development login screens accept any
// user name; the account's email is "<name>@hospital.test".
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3109);
const appUrl = process.env.APP_URL ?? "http://localhost:3100";

const provider = new Provider(`http://localhost:${port}`, {
  clients: [
    {
      client_id: "ehr-review",
      client_secret: "e2e-oidc-client-secret",
      redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: `${id}@hospital.test`, email_verified: true, name: `Dr ${id}` }),
  }),
  pkce: { required: () => false },
  features: { devInteractions: { enabled: true } },
});
// Plain http on localhost, as the e2e run needs.
provider.proxy = false;
provider.listen(port, () => process.stderr.write(`oidc provider on http://localhost:${port}\n`));
