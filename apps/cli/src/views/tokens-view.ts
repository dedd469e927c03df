import type { CreatedEnrollmentToken, EnrollmentToken } from '@pons/protocol';
import { dash, relative, when } from '../output/format.js';
import { renderPairs, renderTable } from '../output/table.js';

export function createdTokenView(token: CreatedEnrollmentToken, now: number): string {
  const pairs = renderPairs(
    [
      ['Token', token.token],
      ['ID', token.id],
      ['Entity', token.entityName],
      ['Label', dash(token.label)],
      ['Expires', when(token.expiresAt, now)],
      ['Uses', `${token.uses} of ${token.maxUses}`],
    ],
    '  ',
  );
  return (
    `Enrollment token created. It is shown only now: the server keeps a hash, never the token.\n\n${pairs}\n` +
    `On each machine, install Pons and run:\n\n  ${token.agentCommand}\n`
  );
}

export function tokenTable(tokens: readonly EnrollmentToken[], now: number): string {
  return renderTable(
    [
      { header: 'ID' },
      { header: 'LABEL' },
      { header: 'ENTITY' },
      { header: 'STATE' },
      { header: 'USES', align: 'right' },
      { header: 'EXPIRES' },
      { header: 'CREATED' },
      { header: 'BY' },
    ],
    tokens.map((t) => [
      t.id,
      t.label,
      t.entityName,
      t.state,
      `${t.uses}/${t.maxUses}`,
      relative(t.expiresAt, now),
      relative(t.createdAt, now),
      t.createdBy,
    ]),
  );
}
