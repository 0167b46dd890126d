// Settings: where the data lives, and how the app looks and speaks.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

import { commands } from "../../bindings";
import { LANGUAGES, setLanguage, type Language } from "../../i18n";
import { errorText, unwrap } from "../../lib/api";
import type { Theme } from "../../lib/theme";

export function SettingsPage({ theme, setTheme }: { theme: Theme; setTheme: (t: Theme) => void }) {
  const { t, i18n } = useTranslation();
  const info = useQuery({ queryKey: ["appInfo"], queryFn: () => unwrap(commands.appInfo()) });
  return (
    <section className="settings">
      <h1>{t("settings.title")}</h1>
      {info.error && <p className="error">{errorText(t, info.error)}</p>}
      <dl className="facts">
        <dt>{t("settings.version")}</dt>
        <dd>{info.data?.version}</dd>
        <dt>{t("settings.storage")}</dt>
        <dd className="mono" id="storage-root">{info.data?.storageRoot}</dd>
        <dt>{t("settings.database")}</dt>
        <dd className="mono">{info.data?.databasePath}</dd>
      </dl>
      <ChangePassword />
      <h2>{t("settings.appearance")}</h2>
      <div className="row">
        <label>
          {t("shell.language")}{" "}
          <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l === "zh-CN" ? "中文" : "English"}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("shell.theme")}{" "}
          <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
            <option value="light">{t("shell.themeLight")}</option>
            <option value="dark">{t("shell.themeDark")}</option>
          </select>
        </label>
      </div>
    </section>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () => unwrap(commands.authChangePassword(current, next)),
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setRepeat("");
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(next !== repeat);
    if (next === repeat) change.mutate();
  };
  return (
    <form className="stack" id="change-password" onSubmit={submit}>
      <h2>{t("settings.account")}</h2>
      <input type="password" autoComplete="current-password" aria-label={t("settings.currentPassword")} placeholder={t("settings.currentPassword")} value={current} onChange={(e) => setCurrent(e.target.value)} />
      <input type="password" autoComplete="new-password" aria-label={t("settings.newPassword")} placeholder={t("settings.newPassword")} value={next} onChange={(e) => setNext(e.target.value)} />
      <input type="password" autoComplete="new-password" aria-label={t("settings.repeatPassword")} placeholder={t("settings.repeatPassword")} value={repeat} onChange={(e) => setRepeat(e.target.value)} />
      {mismatch && <p className="error">{t("auth.mismatch")}</p>}
      {change.error && <p className="error">{errorText(t, change.error)}</p>}
      {change.isSuccess && <p className="ok">{t("settings.passwordChanged")}</p>}
      <div>
        <button type="submit" disabled={change.isPending}>
          {t("settings.changePassword")}
        </button>
      </div>
    </form>
  );
}
