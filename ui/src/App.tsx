// The window: navigation on the left, the current page on the right, and the
// language and theme switches that apply everywhere.
import { BookOpen, Brain, Image, Library, ListTodo, MessageSquare, Moon, Puzzle, Settings, Sun, Users, type LucideIcon } from "lucide-react";
import { useTranslation } from "react-i18next";

import { LANGUAGES, setLanguage, type Language } from "./i18n";
import { PAGES, useRoute, type Page } from "./lib/route";
import { useTheme } from "./lib/theme";
import { ImagesPage } from "./pages/images/ImagesPage";
import { PlaceholderPage } from "./components/PlaceholderPage";
import { SettingsPage } from "./pages/settings/SettingsPage";

const ICONS: Record<Page, LucideIcon> = {
  library: Library,
  reader: BookOpen,
  actors: Users,
  templates: Puzzle,
  images: Image,
  jobs: ListTodo,
  chat: MessageSquare,
  models: Brain,
  settings: Settings,
};

const LANGUAGE_NAMES: Record<Language, string> = { "zh-CN": "中文", en: "English" };

export function App() {
  const { t, i18n } = useTranslation();
  const [page, go] = useRoute();
  const [theme, setTheme] = useTheme();

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="main">
        <div className="brand">
          <img src="/icon.png" alt="" className="brand-icon" />
          <span>{t("app.name")}</span>
        </div>
        <ul>
          {PAGES.map((p) => {
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
        <div className="sidebar-footer">
          <label className="field-inline">
            <span className="sr-only">{t("shell.language")}</span>
            <select
              id="language-select"
              value={i18n.language}
              onChange={(e) => setLanguage(e.target.value as Language)}
              aria-label={t("shell.language")}
            >
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
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
        </div>
      </nav>
      <main className="page" id={`page-${page}`} data-page={page}>
        {page === "images" ? <ImagesPage /> : page === "settings" ? <SettingsPage theme={theme} setTheme={setTheme} /> : <PlaceholderPage page={page} />}
      </main>
    </div>
  );
}
