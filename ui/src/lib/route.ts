// A hash route per page (`#/images`): enough for a single-window app, and it
// survives reloads without a router dependency.
import { useEffect, useState } from "react";

export const PAGES = ["library", "reader", "actors", "templates", "images", "jobs", "chat", "models", "users", "settings"] as const;
export type Page = (typeof PAGES)[number];

function current(): Page {
  const name = window.location.hash.replace(/^#\/?/, "");
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : "library";
}

export function useRoute(): [Page, (p: Page) => void] {
  const [page, setPage] = useState<Page>(current);
  useEffect(() => {
    const onHash = () => setPage(current());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  return [page, (p) => (window.location.hash = `#/${p}`)];
}
