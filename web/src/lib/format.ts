import dayjs from 'dayjs';

const grouping = /\B(?=(\d{3})+(?!\d))/g;

/** Integer fen → '¥1,234.56' (exact: no floating-point arithmetic on the amount). */
export function formatFen(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const text = `¥${String(yuan).replace(grouping, ',')}.${String(cents).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Integer count with thousands separators. */
export function formatCount(value: number): string {
  return String(value).replace(grouping, ',');
}

/** ISO moment → local 'YYYY-MM-DD HH:mm'. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const value = dayjs(iso);
  return value.isValid() ? value.format('YYYY-MM-DD HH:mm') : iso;
}

/** 'YYYY-MM-DD' (or an ISO moment) → 'YYYY-MM-DD'. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD') : value;
}
