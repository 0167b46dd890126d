// A page whose capability is not built yet says what it will hold, honestly.
import { useTranslation } from "react-i18next";

import type { Page } from "../lib/route";

export function PlaceholderPage({ page }: { page: Exclude<Page, "images" | "settings" | "users"> }) {
  const { t } = useTranslation();
  return (
    <section className="placeholder">
      <h1>{t(`nav.${page}`)}</h1>
      <p>{t(`placeholder.${page}`)}</p>
      <p className="muted">{t("placeholder.soon")}</p>
    </section>
  );
}
