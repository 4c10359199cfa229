import { formatMoney } from '../format/money';

export function Money({ minor, currency }: { minor: number; currency: string | null }) {
  return <span className="money">{currency ? formatMoney(minor, currency) : String(minor)}</span>;
}
