"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ROLES, type Role } from "@/lib/auth/roles";
import { fetchJson } from "@/lib/http/fetch-json";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { formatDateTime } from "../ui/format";
import { TableScroll } from "../ui/table-scroll";

type User = {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  lockedUntil: string | null;
  createdAt: string;
};

type Change = { roles?: Role[]; active?: boolean; unlock?: true };

export function UsersAdmin({ currentUserId }: { currentUserId: string }) {
  const queryClient = useQueryClient();
  const [createdMessage, setCreatedMessage] = useState<string | null>(null);
  const users = useQuery({
    queryKey: ["admin-users"],
    queryFn: () => fetchJson<{ users: User[] }>("/api/admin/users"),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ["admin-users"] });
  const create = useMutation({
    mutationFn: (body: { email: string; name?: string; roles: Role[]; password: string }) =>
      fetchJson<{ user: User }>("/api/admin/users", { method: "POST", body }),
    onSuccess: ({ user }) => {
      setCreatedMessage(`Created ${user.email}. Give them their password through a safe channel.`);
      refresh();
    },
  });
  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: Change }) =>
      fetchJson(`/api/admin/users/${id}`, { method: "PATCH", body: change }),
    // Show the change at once (a checkbox must not flip back while the request runs);
    // the refetch afterwards shows what the server actually holds, also after a refusal.
    // A list fetch already under way (the first load, a focus refetch) would otherwise land
    // after the change and flip the checkbox back: cancel it first.
    onMutate: async ({ id, change }) => {
      await queryClient.cancelQueries({ queryKey: ["admin-users"] });
      queryClient.setQueryData<{ users: User[] }>(["admin-users"], (data) =>
        data
          ? {
              users: data.users.map((user) =>
                user.id === id
                  ? {
                      ...user,
                      ...(change.roles ? { roles: change.roles } : {}),
                      ...(change.active === undefined ? {} : { active: change.active }),
                    }
                  : user,
              ),
            }
          : data,
      );
    },
    onSettled: refresh,
  });

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const roles = ROLES.filter((role) => form.get(`role-${role}`) === "on");
    create.mutate({
      email: String(form.get("email")),
      name: String(form.get("name") || "") || undefined,
      roles,
      password: String(form.get("password")),
    });
  }

  function toggleRole(user: User, role: Role) {
    const roles = user.roles.includes(role) ? user.roles.filter((held) => held !== role) : [...user.roles, role];
    update.mutate({ id: user.id, change: { roles } });
  }

  const error = create.error ?? update.error;
  return (
    <div className="space-y-6">
      <form
        onSubmit={onCreate}
        className="grid grid-cols-1 items-end gap-3 rounded border border-slate-200 bg-white p-4 md:grid-cols-[1fr_1fr_1fr_auto_auto] dark:border-slate-800 dark:bg-slate-900"
        aria-label="Create a user"
      >
        <Field id="new-email" name="email" label="Email" type="email" required />
        <Field id="new-name" name="name" label="Name" />
        <Field id="new-password" name="password" label="Initial password" type="password" minLength={10} required />
        <fieldset className="text-sm">
          <legend className="font-medium">Roles</legend>
          <div className="mt-1 flex gap-3">
            {ROLES.map((role) => (
              <label key={role} className="flex items-center gap-1">
                <input type="checkbox" name={`role-${role}`} defaultChecked={role === "clinician"} /> {role}
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit" disabled={create.isPending}>
          Create user
        </Button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
      {createdMessage ? <p className="text-sm text-emerald-800 dark:text-emerald-300">{createdMessage}</p> : null}
      <TableScroll label="Users">
        <table className="w-full bg-white text-sm dark:bg-slate-900">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th className="px-3 py-2 font-medium">User</th>
              {ROLES.map((role) => (
                <th key={role} className="px-3 py-2 text-center font-medium">
                  {role}
                </th>
              ))}
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="px-3 py-2 font-medium">Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(users.data?.users ?? []).map((user) => {
              const locked = user.lockedUntil && new Date(user.lockedUntil) > new Date();
              return (
                <tr
                  key={user.id}
                  className="border-b border-slate-100 dark:border-slate-800"
                  data-testid={`user-${user.email}`}
                >
                  <td className="px-3 py-1.5">
                    <div>{user.name}</div>
                    <div className="text-slate-600 dark:text-slate-400">{user.email}</div>
                  </td>
                  {ROLES.map((role) => (
                    <td key={role} className="px-3 py-1.5 text-center">
                      <input
                        type="checkbox"
                        aria-label={`${role} role for ${user.email}`}
                        checked={user.roles.includes(role)}
                        onChange={() => toggleRole(user, role)}
                      />
                    </td>
                  ))}
                  <td className="px-3 py-1.5">{!user.active ? "deactivated" : locked ? "locked" : "active"}</td>
                  <td className="px-3 py-1.5">{formatDateTime(user.createdAt)}</td>
                  <td className="space-x-2 px-3 py-1.5 text-right">
                    {locked ? (
                      <Button
                        variant="secondary"
                        onClick={() => update.mutate({ id: user.id, change: { unlock: true } })}
                      >
                        Unlock
                      </Button>
                    ) : null}
                    {user.id === currentUserId ? null : (
                      <Button
                        variant={user.active ? "danger" : "secondary"}
                        onClick={() => update.mutate({ id: user.id, change: { active: !user.active } })}
                      >
                        {user.active ? "Deactivate" : "Reactivate"}
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
