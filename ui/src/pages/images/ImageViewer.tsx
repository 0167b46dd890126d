// The full-size image with its facts; arrows move through the list, Escape closes.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ChevronLeft, ChevronRight, Trash2, X } from "lucide-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { commands, type StoredImage } from "../../bindings";
import { errorText, formatBytes, imageUrl, unwrap } from "../../lib/api";
import { useSession } from "../../lib/session";

type Props = { images: StoredImage[]; index: number; onIndex: (i: number) => void; onClose: () => void };

export function ImageViewer({ images, index, onIndex, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const image = images[index]!;
  const [dims, setDims] = useState<[number, number] | null>(null);
  const remove = useMutation({
    mutationFn: () => unwrap(commands.imagesDelete(image.hash)),
    onSuccess: () => {
      onClose();
      void queryClient.invalidateQueries({ queryKey: ["images"] });
    },
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
      if (e.key === "ArrowLeft" && index > 0) onIndex(index - 1);
      if (e.key === "ArrowRight" && index < images.length - 1) onIndex(index + 1);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [index, images.length, onClose, onIndex]);

  // A different image: forget the last one's size and delete error.
  const { reset } = remove;
  useEffect(() => {
    setDims(null);
    reset();
  }, [image.hash, reset]);

  return (
    <div className="viewer" role="dialog" aria-modal="true" id="image-viewer" onClick={onClose}>
      <div className="viewer-body" onClick={(e) => e.stopPropagation()}>
        <img
          id="viewer-image"
          src={imageUrl(image.hash)}
          alt=""
          onLoad={(e) => setDims([e.currentTarget.naturalWidth, e.currentTarget.naturalHeight])}
        />
        <aside className="viewer-info">
          <dl className="facts">
            <dt>{t("images.viewer.hash")}</dt>
            <dd className="mono">{image.hash}</dd>
            <dt>{t("images.viewer.type")}</dt>
            <dd>{image.mime}</dd>
            <dt>{t("images.viewer.size")}</dt>
            <dd>{formatBytes(image.size, i18n.language)}</dd>
            <dt>{t("images.viewer.dimensions")}</dt>
            <dd id="viewer-dimensions">{dims ? `${dims[0]} × ${dims[1]}` : "…"}</dd>
          </dl>
          {remove.error && <p className="error">{errorText(t, remove.error)}</p>}
          <div className="row">
            <button type="button" disabled={index === 0} onClick={() => onIndex(index - 1)} aria-label={t("images.viewer.previous")}>
              <ChevronLeft size={16} aria-hidden />
            </button>
            <button type="button" disabled={index >= images.length - 1} onClick={() => onIndex(index + 1)} aria-label={t("images.viewer.next")}>
              <ChevronRight size={16} aria-hidden />
            </button>
            {user.isAdmin && (
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(t("images.viewer.confirmDelete"))) remove.mutate();
              }}
            >
              <Trash2 size={16} aria-hidden /> {t("images.viewer.delete")}
            </button>
            )}
            <button type="button" id="viewer-close" onClick={onClose}>
              <X size={16} aria-hidden /> {t("images.viewer.close")}
            </button>
          </div>
        </aside>
      </div>
    </div>
  );
}
