import axe from 'axe-core';
import { vi } from 'vitest';

/**
 * The serious and critical WCAG 2.1 A/AA problems axe-core finds in
 * `container`, as `rule: targets` lines. Colour contrast is left to the
 * end-to-end tests: jsdom lays nothing out, so it cannot be measured here.
 */
export async function axeProblems(container: Element): Promise<string[]> {
  // jsdom draws nothing: axe's canvas probes get no context instead of a warning.
  const canvas = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  try {
    const { violations } = await axe.run(container, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { 'color-contrast': { enabled: false } },
    });
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  } finally {
    canvas.mockRestore();
  }
}
