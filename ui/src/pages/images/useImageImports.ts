// Import progress as the backend reports it (from drops, the dialog, or any
// other path), plus whether files are being dragged over the window.
import { useQueryClient } from "@tanstack/react-query";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { useEffect, useState } from "react";

import { events, type ApiError } from "../../bindings";

export type ImportState = {
  importId: string;
  total: number;
  done: number;
  added: number;
  failed: number;
  finished: boolean;
  errors: ApiError[];
};

export function useImageImports() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ImportState | null>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const unlisten = events.coreEvent.listen(({ payload }) => {
      switch (payload.type) {
        case "imageImportStarted":
          setState({ importId: payload.importId, total: payload.total, done: 0, added: 0, failed: 0, finished: false, errors: [] });
          break;
        case "imageImportProgress":
          setState((s) =>
            s && s.importId === payload.importId
              ? {
                  ...s,
                  done: payload.done,
                  added: s.added + (payload.saved ? 1 : 0),
                  failed: s.failed + (payload.error ? 1 : 0),
                  errors: payload.error ? [...s.errors, payload.error] : s.errors,
                }
              : s,
          );
          // Show new images as they arrive, without re-listing the store for every file of a big import.
          if (payload.saved && (payload.done <= 3 || payload.done % 10 === 0)) void queryClient.invalidateQueries({ queryKey: ["images"] });
          break;
        case "imageImportFinished":
          setState((s) => (s && s.importId === payload.importId ? { ...s, added: payload.added, failed: payload.failed, finished: true } : s));
          void queryClient.invalidateQueries({ queryKey: ["images"] });
          break;
      }
    });
    const unlistenDrag = getCurrentWebview().onDragDropEvent(({ payload }) => {
      // The backend imports on "drop"; here we only show where to drop.
      setDragging(payload.type === "enter" || payload.type === "over");
    });
    return () => {
      void unlisten.then((f) => f());
      void unlistenDrag.then((f) => f());
    };
  }, [queryClient]);

  return { importState: state, dismiss: () => setState(null), dragging };
}
