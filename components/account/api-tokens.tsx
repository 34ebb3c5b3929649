"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { formatDateTime } from "../ui/format";
import { TableScroll } from "../ui/table-scroll";

type Token = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

export function ApiTokens() {
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: ["tokens"], queryFn: () => fetchJson<{ tokens: Token[] }>("/api/tokens") });
  const create = useMutation({
    mutationFn: (body: { name: string; expiresInDays?: number }) =>
      fetchJson<{ token: string }>("/api/tokens", { method: "POST", body }),
    onSuccess: (result) => {
      setShown(result.token);
      void queryClient.invalidateQueries({ queryKey: ["tokens"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => fetchJson(`/api/tokens/${id}`, { method: "DELETE" }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["tokens"] }),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const days = Number(form.get("days"));
    create.mutate({ name: String(form.get("name")), ...(days ? { expiresInDays: days } : {}) });
    event.currentTarget.reset();
  }

  return (
    <section aria-labelledby="tokens-heading" className="space-y-4">
      <h2 id="tokens-heading" className="text-lg font-semibold">
        API tokens
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        For scripts: send <code>Authorization: Bearer &lt;token&gt;</code>. A token acts with your roles.
      </p>
      <form onSubmit={onSubmit} className="flex items-end gap-3">
        <Field id="token-name" name="name" label="Name" required maxLength={100} placeholder="export script" />
        <Field id="token-days" name="days" label="Expires in days (optional)" type="number" min={1} max={3650} />
        <Button type="submit" disabled={create.isPending}>
          Create token
        </Button>
      </form>
      {create.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {create.error.message}
        </p>
      ) : null}
      {shown ? (
        <div className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950">
          <p className="font-medium">Copy this token now: it will not be shown again.</p>
          <code data-testid="new-token" className="mt-1 block break-all font-mono">
            {shown}
          </code>
        </div>
      ) : null}
      <TableScroll label="API tokens">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th className="py-1.5 font-medium">Name</th>
              <th className="font-medium">Starts with</th>
              <th className="font-medium">Created</th>
              <th className="font-medium">Last used</th>
              <th className="font-medium">Expires</th>
              <th className="font-medium">Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(tokens.data?.tokens ?? []).map((token) => (
              <tr key={token.id} className="border-b border-slate-100 dark:border-slate-800">
                <td className="py-1.5">{token.name}</td>
                <td className="font-mono">{token.prefix}…</td>
                <td>{formatDateTime(token.createdAt)}</td>
                <td>{formatDateTime(token.lastUsedAt)}</td>
                <td>{formatDateTime(token.expiresAt)}</td>
                <td>{token.revokedAt ? "revoked" : "active"}</td>
                <td className="text-right">
                  {token.revokedAt ? null : (
                    <Button
                      variant="danger"
                      onClick={() => revoke.mutate(token.id)}
                      aria-label={`Revoke ${token.name}`}
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
