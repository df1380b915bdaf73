import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The folder of the style sheets, read from disk: Vitest hands CSS imports over empty. */
const STYLES = `${process.cwd()}/src/styles/`;

/**
 * Where the first unbalanced brace is ("line N: …"), or null. A rule left
 * open does not fail the build: the browser reads every rule after it, in
 * this file and the ones bundled after it, as part of it and drops them,
 * so the app loses its look without an error anywhere.
 */
function unbalanced(css: string): string | null {
  const code = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).replace(/"[^"\n]*"|'[^'\n]*'/g, '""');
  let depth = 0;
  let opened = 0;
  const lines = code.split('\n');
  for (const [index, line] of lines.entries()) {
    for (const character of line) {
      if (character === '{') {
        if (depth === 0) opened = index + 1;
        depth += 1;
      } else if (character === '}') {
        depth -= 1;
        if (depth < 0) return `line ${index + 1}: a } closes nothing`;
      }
    }
  }
  return depth === 0 ? null : `line ${opened}: a rule is never closed`;
}

describe('the style sheets', () => {
  const files = readdirSync(STYLES).filter((name) => name.endsWith('.css'));

  it('are found', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  for (const name of files) {
    it(`${name} closes every rule it opens`, () => {
      expect(unbalanced(readFileSync(STYLES + name, 'utf8'))).toBeNull();
    });
  }

  it('an open rule is caught, as the merge that lost a } would have been', () => {
    expect(unbalanced('.a {\n  color: red;\n\n.b {\n  color: blue;\n}\n')).toBe('line 1: a rule is never closed');
    expect(unbalanced('.a { content: "}"; }\n/* { */')).toBeNull();
  });
});
