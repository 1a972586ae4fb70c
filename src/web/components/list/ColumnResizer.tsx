import { maxColumnWidth, minColumnWidth } from './columnWidth';

interface ColumnResizerProps {
  label: string;
  width: number;
  onResize: (width: number) => void;
}

const keyStep = 16;

/** The edge of a column heading: drag it, or focus it and press ← or →, to make the column narrower or wider. */
export function ColumnResizer({ label, width, onResize }: ColumnResizerProps) {
  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    const handle = event.currentTarget;
    const startX = event.clientX;
    const startWidth = width;
    handle.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => onResize(startWidth + e.clientX - startX);
    const stop = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', stop);
      handle.removeEventListener('pointercancel', stop);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', stop);
    handle.addEventListener('pointercancel', stop);
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? keyStep : event.key === 'ArrowLeft' ? -keyStep : 0;
    if (!step) return;
    event.preventDefault();
    event.stopPropagation();
    onResize(width + step);
  };
  return (
    <div
      className="rp-column-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${label}`}
      aria-valuenow={width}
      aria-valuemin={minColumnWidth}
      aria-valuemax={maxColumnWidth}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onClick={(e) => e.stopPropagation()}
    />
  );
}
