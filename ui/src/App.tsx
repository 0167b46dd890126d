// The window: first-run set-up or sign-in until someone is signed in; then
// navigation on the left, the current page on the right, and the language,
// theme and sign-out controls that apply everywhere.
import { BookOpen, Brain, Image, Library, ListTodo, LogOut, MessageSquare, Moon, Puzzle, Settings, Sun, UserCog, Users, type LucideIcon } from "lucide-react";
import { useTranslation } from "react-i18next";

import { PlaceholderPage } from "./components/PlaceholderPage";
import { LANGUAGES, setLanguage, type Language } from "./i18n";
import { errorText } from "./lib/api";
import { PAGES, useRoute, type Page } from "./lib/route";
import { SessionProvider, useAuthStatus, useSession } from "./lib/session";
import { useTheme, type Theme } from "./lib/theme";
import { AuthPage } from "./pages/auth/AuthPage";
import { ImagesPage } from "./pages/images/ImagesPage";
import { SettingsPage } from "./pages/settings/SettingsPage";
import { UsersPage } from "./pages/users/UsersPage";
import { BRAND_ICON } from "./assets/brand";

const ICONS: Record<Page, LucideIcon> = {
  library: Library,
  reader: BookOpen,
  actors: Users,
  templates: Puzzle,
  images: Image,
  jobs: ListTodo,
  chat: MessageSquare,
  models: Brain,
  users: UserCog,
  settings: Settings,
};

const LANGUAGE_NAMES: Record<Language, string> = { "zh-CN": "中文", en: "English" };

export function App() {
  const { t } = useTranslation();
  const [theme, setTheme] = useTheme();
  const status = useAuthStatus();

  if (status.isPending) return <div className="auth-screen" />;
  if (status.error) return <p className="error">{errorText(t, status.error)}</p>;
  if (status.data.needsSetup) return <AuthPage mode="setup" />;
  if (!status.data.user) return <AuthPage mode="signIn" />;
  return (
    <SessionProvider user={status.data.user}>
      <Shell theme={theme} setTheme={setTheme} />
    </SessionProvider>
  );
}

function Shell({ theme, setTheme }: { theme: Theme; setTheme: (t: Theme) => void }) {
  const { t, i18n } = useTranslation();
  const [page, go] = useRoute();
  const { user, signOut } = useSession();
  // Administrator pages are not offered to others (and the backend refuses them anyway).
  const pages = PAGES.filter((p) => p !== "users" || user.isAdmin);

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="main">
        <div className="brand">
          <img src={BRAND_ICON} alt="" className="brand-icon" />
          <span>{t("app.name")}</span>
        </div>
        <ul>
          {pages.map((p) => {
            const Icon = ICONS[p];
            return (
              <li key={p}>
                <button
                  type="button"
                  id={`nav-${p}`}
                  data-page={p}
                  className={p === page ? "nav-item active" : "nav-item"}
                  aria-current={p === page ? "page" : undefined}
                  onClick={() => go(p)}
                >
                  <Icon className="nav-icon" size={18} aria-hidden />
                  {t(`nav.${p}`)}
                </button>
              </li>
            );
          })}
        </ul>
        <div className="signed-in muted small" id="signed-in-as">
          {t("auth.signedInAs", { username: user.username })}
        </div>
        <div className="sidebar-footer">
          <select id="language-select" value={i18n.language} onChange={(e) => setLanguage(e.target.value as Language)} aria-label={t("shell.language")}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
          <button
            type="button"
            id="theme-toggle"
            className="icon-button"
            title={t("shell.toggleTheme")}
            aria-label={t("shell.toggleTheme")}
            onClick={() => setTheme(theme === "dark" ? "light" : "dark")}
          >
            {theme === "dark" ? <Moon size={16} aria-hidden /> : <Sun size={16} aria-hidden />}
          </button>
          <button type="button" id="sign-out" className="icon-button" title={t("auth.signOut")} aria-label={t("auth.signOut")} onClick={() => void signOut()}>
            <LogOut size={16} aria-hidden />
          </button>
        </div>
      </nav>
      <main className="page" id={`page-${page}`} data-page={page}>
        {page === "images" ? (
          <ImagesPage />
        ) : page === "settings" ? (
          <SettingsPage theme={theme} setTheme={setTheme} />
        ) : page === "users" ? (
          <UsersPage />
        ) : (
          <PlaceholderPage page={page} />
        )}
      </main>
    </div>
  );
}
