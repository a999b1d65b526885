// A dashboard's ConfigMap tells emit its strings are YAML-printable only when they are: the file is
// byte for byte what emit writes when it scans every string itself, whatever the uid, folder and JSON.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliveryFiles } from '../../src/artifacts/dashboards/delivery.ts';
import { emitDocuments } from '../../src/emit/documents.ts';
import { isYamlPrintable } from '../../src/yaml/printable.ts';

const text = fc.oneof(
  fc.constantFrom(
    'payments',
    'svc-00001-svc',
    "it's",
    '\u0085',
    '\ufeff',
    '\ud800',
    '😀',
    'a\nb',
    '{"a":"b"}',
  ),
  fc.string({ maxLength: 6, unit: 'binary' }),
);

describe('dashboard ConfigMaps and printable strings', () => {
  it('are written as emit writes them when it scans every string', () => {
    fc.assert(
      fc.property(text, text, text, (uid, folder, json) => {
        const compact = `{"title":${JSON.stringify(json)}}`;
        const delivered = deliveryFiles(
          uid,
          folder,
          { pretty: '', compact, compactPrintable: isYamlPrintable(compact) },
          { configMaps: true, grafanaOperator: null },
        );
        const told = delivered.documents;
        const scanned = told.map(({ printable: _, ...file }) => file);
        expect(told.some((file) => file.printable)).toBe(
          isYamlPrintable(uid.toLowerCase()) && isYamlPrintable(folder) && isYamlPrintable(compact),
        );
        expect(emitDocuments(told)).toEqual(emitDocuments(scanned));
      }),
      { numRuns: 500 },
    );
  });
});
