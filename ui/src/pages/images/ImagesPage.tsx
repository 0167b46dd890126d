// Images: every stored image in a virtualised grid, a full-size viewer, and
// adding files by drop or dialog with per-file progress and errors.
import { useMutation, useQuery } from "@tanstack/react-query";
import { ImagePlus } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { commands } from "../../bindings";
import { errorText, unwrap } from "../../lib/api";
import { ImageGrid } from "./ImageGrid";
import { ImageViewer } from "./ImageViewer";
import { useImageImports } from "./useImageImports";

export function ImagesPage() {
  const { t } = useTranslation();
  const images = useQuery({ queryKey: ["images"], queryFn: () => unwrap(commands.imagesList()) });
  const { importState, dismiss, dragging } = useImageImports();
  const [open, setOpen] = useState<number | null>(null);
  const pick = useMutation({ mutationFn: () => unwrap(commands.imagesPickFiles(t("images.dialogTitle"))) });

  const list = images.data ?? [];
  return (
    <section className="images-page">
      <header className="page-header">
        <h1>{t("images.title")}</h1>
        <span className="muted" id="images-count">
          {t("images.count", { count: list.length })}
        </span>
        <div className="spacer" />
        <button type="button" id="images-add" className="primary" disabled={pick.isPending} onClick={() => pick.mutate()}>
          <ImagePlus size={16} aria-hidden /> {t("images.add")}
        </button>
      </header>

      {pick.error && <p className="error">{errorText(t, pick.error)}</p>}

      {importState && (
        <div className="import-status" id="import-status" role="status">
          <div className="import-line">
            <span>
              {importState.finished
                ? t("images.importDone", { added: importState.added, failed: importState.failed })
                : t("images.importing", { done: importState.done, total: importState.total })}
            </span>
            {importState.finished && (
              <button type="button" className="link" onClick={dismiss}>
                {t("images.dismiss")}
              </button>
            )}
          </div>
          <progress max={Math.max(importState.total, 1)} value={importState.done} />
          {importState.errors.length > 0 && (
            <ul className="import-errors" id="import-errors">
              {importState.errors.map((e, i) => (
                <li key={i} className="error" data-code={e.code}>
                  {errorText(t, e)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {images.error ? (
        <p className="error">
          {t("images.loadFailed")} {errorText(t, images.error)}
        </p>
      ) : list.length === 0 && !images.isPending ? (
        <p className="empty" id="images-empty">
          {t("images.empty")}
        </p>
      ) : (
        <ImageGrid images={list} onOpen={setOpen} />
      )}

      {open !== null && list[open] && (
        <ImageViewer images={list} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />
      )}

      {dragging && (
        <div className="drop-overlay" aria-hidden>
          <div>{t("images.dropHere")}</div>
        </div>
      )}
    </section>
  );
}
