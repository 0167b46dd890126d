// A grid that renders only the rows in view, so ten thousand images scroll
// as smoothly as ten. Thumbnails come from `img://…?w=256`.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState } from "react";

import type { StoredImage } from "../../bindings";
import { imageUrl } from "../../lib/api";

const TILE = 176; // px, including the gap
const GAP = 8;

export function ImageGrid({ images, onOpen }: { images: StoredImage[]; onOpen: (index: number) => void }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState(4);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const width = entry?.contentRect.width ?? TILE;
      setColumns(Math.max(1, Math.floor((width + GAP) / TILE)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const rows = Math.ceil(images.length / columns);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => TILE,
    overscan: 3,
  });

  return (
    <div className="grid-scroll" ref={scrollRef} id="image-grid">
      <div className="grid-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div key={row.key} className="grid-row" style={{ transform: `translateY(${row.start}px)`, gridTemplateColumns: `repeat(${columns}, ${TILE - GAP}px)` }}>
            {images.slice(row.index * columns, row.index * columns + columns).map((img, i) => (
              <button
                type="button"
                key={img.hash}
                className="tile"
                data-hash={img.hash}
                onClick={() => onOpen(row.index * columns + i)}
              >
                <img src={imageUrl(img.hash, 256)} alt="" loading="lazy" decoding="async" draggable={false} />
              </button>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
