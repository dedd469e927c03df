import { orderAddresses } from './addresses.js';

const SHOWN = 2;

/** The first addresses (IPv4 before IPv6), then `+3` with the full list in the tooltip. */
export function AddressList({ values }: { values: string[] }) {
  if (values.length === 0) return <span className="muted">—</span>;
  const ordered = orderAddresses(values);
  const rest = ordered.length - SHOWN;
  return (
    <span className="mono addresses" title={ordered.join('\n')}>
      {ordered.slice(0, SHOWN).join(', ')}
      {rest > 0 && <span className="more"> +{rest}</span>}
    </span>
  );
}
