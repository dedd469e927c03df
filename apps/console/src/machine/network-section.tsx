import type { InventoryInterface, InventoryNote } from '@pons/protocol';
import { InventoryTable, Section } from './section.js';

type Address = InventoryInterface['ipv4'][number];
const cidr = (a: Address) =>
  a.prefixLength !== undefined ? `${a.address}/${a.prefixLength}` : a.netmask ? `${a.address} (${a.netmask})` : a.address;

function speed(mbps: number | undefined): string | null {
  if (!mbps) return null;
  return mbps >= 1000 ? `${mbps / 1000} Gb/s` : `${mbps} Mb/s`;
}

function Addresses({ list }: { list: Address[] }) {
  if (list.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="plain mono">
      {list.map((a) => (
        <li key={a.address}>{cidr(a)}</li>
      ))}
    </ul>
  );
}

interface Props {
  network: InventoryInterface[] | undefined;
  defaultGateway: string | undefined;
  notes: InventoryNote[];
}

/** Every interface with all its addresses, not only the first. */
export function NetworkSection({ network, defaultGateway, notes }: Props) {
  const aside = defaultGateway ? (
    <span className="muted">
      default gateway <span className="mono">{defaultGateway}</span>
    </span>
  ) : undefined;
  return (
    <Section id="network" title="Network interfaces" notes={notes} hasData={network !== undefined} aside={aside} wide>
      <InventoryTable
        items={network}
        none="No interface reported."
        columns={['Interface', 'State', 'MAC', 'IPv4', 'IPv6', 'Gateway', 'Type', 'Speed']}
        row={(nic) => (
          <tr key={nic.name}>
            <td>
              <span className="mono">{nic.name}</span>
              {nic.virtual && <span className="tag">virtual</span>}
            </td>
            <td>{nic.up === undefined ? '—' : nic.up ? 'up' : <span className="muted">down</span>}</td>
            <td className="mono">{nic.mac ?? '—'}</td>
            <td>
              <Addresses list={nic.ipv4} />
            </td>
            <td>
              <Addresses list={nic.ipv6} />
            </td>
            <td className="mono">{nic.gateway ?? '—'}</td>
            <td>{nic.type ?? '—'}</td>
            <td className="nowrap">{speed(nic.speedMbps) ?? '—'}</td>
          </tr>
        )}
      />
    </Section>
  );
}
