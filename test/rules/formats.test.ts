import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORMAT_ROWS, formatScenario } from './cases/formats';
import { describeSubject, expectCatalogueShape, matchesSubject, run } from './harness';

const doc = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '../../docs/message-formats.md'),
  'utf8'
);

/** `| F-07 | … | \`FLUX-CRD-ORDERING\` |` → id and rule of each row of the format tables. */
function documentedRows(): Array<{ id: string; rule: string }> {
  return doc.split('\n').flatMap(line => {
    const id = /^\|\s*(F-\d+)\s*\|/.exec(line)?.[1];
    if (!id) return [];
    const cells = line.split(' | ');
    const rule = cells[cells.length - 1].replace(/[|`\s]/g, '');
    return [{ id, rule }];
  });
}

describe('controller message formats (docs/message-formats.md)', () => {
  it('the document and the table of test rows list the same rows, mapped to the same rules', () => {
    expect(documentedRows()).toEqual(FORMAT_ROWS.map(row => ({ id: row.id, rule: row.rule })));
  });

  it.each(FORMAT_ROWS.map(row => [`${row.id} ${row.reason} → ${row.rule}`, row] as const))(
    '%s',
    (_name, row) => {
      const scenario = formatScenario(row);
      const report = run({ objects: scenario.objects });
      report.diagnoses.forEach(expectCatalogueShape);
      const own = report.diagnoses.filter(d => matchesSubject(d.subject, scenario.subject));
      const summary = own.map(d => d.ruleId).join(', ');
      if (row.rule === 'informational') {
        expect(
          own.filter(d => d.severity !== 'info').map(d => d.ruleId),
          `no error or warning on ${describeSubject(scenario.subject)}`
        ).toEqual([]);
      } else {
        expect(
          own.map(d => d.ruleId),
          `on ${describeSubject(scenario.subject)}: ${summary}`
        ).toContain(row.rule);
        // The message is quoted verbatim (trimmed) in the evidence of that diagnosis.
        const hit = own.find(d => d.ruleId === row.rule);
        expect(hit?.evidence.some(item => item.text.includes(row.message.trim()))).toBe(true);
      }
    }
  );
});
