// User management for administrators: create, reset a password, grant or
// revoke administrator, delete. The backend refuses everyone else.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { commands, type UserInfo } from "../../bindings";
import { errorText, unwrap } from "../../lib/api";
import { useSession } from "../../lib/session";

export function UsersPage() {
  const { t } = useTranslation();
  const { user: me } = useSession();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ["users"], queryFn: () => unwrap(commands.usersList()), enabled: me.isAdmin });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["users"] });
  const [error, setError] = useState<unknown>(null);
  const act = useMutation({
    mutationFn: (f: () => Promise<unknown>) => f(),
    onSuccess: () => {
      setError(null);
      void refresh();
    },
    onError: setError,
  });

  if (!me.isAdmin) {
    return (
      <section>
        <h1>{t("users.title")}</h1>
        <p className="error" id="users-forbidden">
          {t("errors.auth.forbidden")}
        </p>
      </section>
    );
  }

  return (
    <section className="users-page">
      <h1>{t("users.title")}</h1>
      <CreateUser onDone={refresh} />
      {(error || users.error) && <p className="error">{errorText(t, error ?? users.error)}</p>}
      <table className="table" id="users-table">
        <thead>
          <tr>
            <th>{t("auth.username")}</th>
            <th>{t("users.role")}</th>
            <th>{t("users.created")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <UserRow key={u.id} user={u} isMe={u.id === me.id} run={(f) => act.mutate(f)} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function UserRow({ user, isMe, run }: { user: UserInfo; isMe: boolean; run: (f: () => Promise<unknown>) => void }) {
  const { t, i18n } = useTranslation();
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState("");
  return (
    <tr data-username={user.username}>
      <td>
        {user.username} {isMe && <span className="muted">({t("users.you")})</span>}
      </td>
      <td>{user.isAdmin ? t("users.admin") : t("users.member")}</td>
      <td>{new Date(user.createdAt).toLocaleDateString(i18n.language)}</td>
      <td className="row">
        {resetting ? (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              run(() => unwrap(commands.usersSetPassword(user.id, password)));
              setResetting(false);
              setPassword("");
            }}
          >
            <input type="password" autoComplete="new-password" aria-label={t("users.newPassword")} placeholder={t("users.newPassword")} value={password} onChange={(e) => setPassword(e.target.value)} />
            <button type="submit">{t("users.save")}</button>
            <button type="button" onClick={() => setResetting(false)}>
              {t("users.cancel")}
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => setResetting(true)}>
            {t("users.resetPassword")}
          </button>
        )}
        {!isMe && (
          <button type="button" className="toggle-admin" onClick={() => run(() => unwrap(commands.usersSetAdmin(user.id, !user.isAdmin)))}>
            {user.isAdmin ? t("users.revokeAdmin") : t("users.grantAdmin")}
          </button>
        )}
        {!isMe && (
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (window.confirm(t("users.confirmDelete", { username: user.username }))) run(() => unwrap(commands.usersDelete(user.id)));
            }}
          >
            {t("users.delete")}
          </button>
        )}
      </td>
    </tr>
  );
}

function CreateUser({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [isAdmin, setIsAdmin] = useState(false);
  const create = useMutation({
    mutationFn: () => unwrap(commands.usersCreate(username, password, isAdmin)),
    onSuccess: () => {
      setUsername("");
      setPassword("");
      setIsAdmin(false);
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="create-user row" onSubmit={submit} id="user-create">
      <input id="new-username" aria-label={t("auth.username")} placeholder={t("auth.username")} value={username} onChange={(e) => setUsername(e.target.value)} />
      <input id="new-password" type="password" autoComplete="new-password" aria-label={t("auth.password")} placeholder={t("auth.password")} value={password} onChange={(e) => setPassword(e.target.value)} />
      <label className="check">
        <input id="new-is-admin" type="checkbox" checked={isAdmin} onChange={(e) => setIsAdmin(e.target.checked)} />
        {t("users.admin")}
      </label>
      <button type="submit" className="primary" id="new-user-submit" disabled={create.isPending}>
        {t("users.create")}
      </button>
      {create.error && <p className="error">{errorText(t, create.error)}</p>}
    </form>
  );
}
