// i18n: every string the UI shows lives in en.json and zh-CN.json.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";

import en from "./en.json";
import zhCN from "./zh-CN.json";

export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "huaben.language";

/** The saved choice, else the system language (any Chinese → zh-CN), else English. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === "zh-CN" || saved === "en") return saved;
  const fromOs = (window as { __HUABEN_SYSTEM_LOCALE__?: string }).__HUABEN_SYSTEM_LOCALE__;
  const system = fromOs || navigator.languages?.[0] || navigator.language || "en";
  return system.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export function setLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang);
  void i18n.changeLanguage(lang);
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
  lng: initialLanguage(),
  fallbackLng: "en",
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on("languageChanged", (lng) => {
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18n.language;

export default i18n;
