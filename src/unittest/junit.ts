// JUnit XML of a test run, as promtool 2.55 writes it for --junit: one <testsuite> per test file
// (tests, failures, errors, skipped, timestamp), one <testcase> per test group that ran, a
// <failure> per failed expectation, an <error> when the file itself could not be run.
import type { Failure } from './failure.ts';
import { renderFailure } from './failure.ts';
import type { TestFileResult } from './runner.ts';

/** Go's encoding/xml escaping, for attribute values and text alike. */
function escapeXml(text: string): string {
  return text.replace(/[&<>"'\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&#34;';
      case "'":
        return '&#39;';
      case '\t':
        return '&#x9;';
      case '\n':
        return '&#xA;';
      default:
        return '&#xD;';
    }
  });
}

/** Go's "2006-01-02T15:04:05" layout, in local time as promtool stamps it. */
export function junitTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

function testcase(name: string, failures: readonly Failure[], error: string | null): string {
  const body = [
    ...failures.map((f) => `<failure>${escapeXml(renderFailure(f))}</failure>`),
    ...(error !== null ? [`<error>${escapeXml(error)}</error>`] : []),
  ].join('');
  return `<testcase name="${escapeXml(name)}">${body}</testcase>`;
}

function testsuite(result: TestFileResult, timestamp: string): string {
  const fileErrors = result.failures.filter((f) => f.kind === 'file');
  // A file that did not load aborts its suite: one "unknown" case carries the error.
  const cases =
    fileErrors.length > 0
      ? [testcase('unknown', [], fileErrors.map(renderFailure).join('\n'))]
      : result.groups.map((g) => testcase(g.name, g.failures, null));
  const failures = fileErrors.length > 0 ? 0 : result.groups.reduce((n, g) => n + g.failures.length, 0);
  const tests = fileErrors.length > 0 ? 1 : result.groups.length;
  const attrs = `name="${escapeXml(result.file)}" tests="${tests}" failures="${failures}" errors="${fileErrors.length > 0 ? 1 : 0}" skipped="0" timestamp="${timestamp}"`;
  return `<testsuite ${attrs}>${cases.join('')}</testsuite>`;
}

export function junitXml(results: readonly TestFileResult[], now: Date = new Date()): string {
  const timestamp = junitTimestamp(now);
  return `<testsuites>${results.map((r) => testsuite(r, timestamp)).join('')}</testsuites>`;
}
