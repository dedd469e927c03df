import { count } from '../format.js';

interface Props {
  offset: number;
  shown: number;
  total: number;
  pageSize: number;
  onPage: (page: number) => void;
}

/** `1–200 of 3,412` with previous / next. */
export function Pager({ offset, shown, total, pageSize, onPage }: Props) {
  const page = Math.floor(offset / pageSize) + 1;
  const last = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="pager">
      <span aria-live="polite">{total === 0 ? '0 machines' : `${count(offset + 1)}–${count(offset + shown)} of ${count(total)}`}</span>
      {last > 1 && (
        <>
          <button type="button" className="ghost" disabled={page <= 1} onClick={() => onPage(page - 1)} aria-label="Previous page">
            ‹
          </button>
          <button type="button" className="ghost" disabled={page >= last} onClick={() => onPage(page + 1)} aria-label="Next page">
            ›
          </button>
        </>
      )}
    </div>
  );
}
