// Light/dark theme: the saved choice, else the system preference.
import { useEffect, useState } from "react";

export type Theme = "light" | "dark";
const STORAGE_KEY = "huaben.theme";

function initialTheme(): Theme {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === "light" || saved === "dark") return saved;
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function useTheme(): [Theme, (t: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const choose = (t: Theme) => {
    localStorage.setItem(STORAGE_KEY, t);
    setTheme(t);
  };
  return [theme, choose];
}
