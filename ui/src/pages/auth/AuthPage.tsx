// First run (create the administrator) and sign-in share one form.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { commands } from "../../bindings";
import { errorText, unwrap } from "../../lib/api";
import { BRAND_ICON } from "../../assets/brand";

export function AuthPage({ mode }: { mode: "setup" | "signIn" }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [remember, setRemember] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  const submit = useMutation({
    mutationFn: () =>
      unwrap(mode === "setup" ? commands.authSetupAdmin(username, password, remember) : commands.authSignIn(username, password, remember)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["authStatus"] }),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (mode === "setup" && password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    submit.mutate();
  };

  return (
    <div className="auth-screen" id={mode === "setup" ? "first-run" : "sign-in"}>
      <form className="auth-card" onSubmit={onSubmit}>
        <img src={BRAND_ICON} alt="" className="auth-icon" />
        <h1>{mode === "setup" ? t("auth.setupTitle") : t("auth.signInTitle")}</h1>
        {mode === "setup" && <p className="muted">{t("auth.setupIntro")}</p>}
        <label>
          {t("auth.username")}
          <input id="auth-username" autoFocus autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t("auth.password")}
          <input
            id="auth-password"
            type="password"
            autoComplete={mode === "setup" ? "new-password" : "current-password"}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {mode === "setup" && (
          <label>
            {t("auth.passwordRepeat")}
            <input id="auth-password-repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
          </label>
        )}
        {mode === "setup" && <p className="muted small">{t("auth.passwordRule")}</p>}
        <label className="check">
          <input id="auth-remember" type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          {t("auth.remember")}
        </label>
        {mismatch && <p className="error">{t("auth.mismatch")}</p>}
        {submit.error && (
          <p className="error" id="auth-error">
            {errorText(t, submit.error)}
          </p>
        )}
        <button type="submit" id="auth-submit" className="primary" disabled={submit.isPending}>
          {mode === "setup" ? t("auth.create") : t("auth.signIn")}
        </button>
      </form>
    </div>
  );
}
