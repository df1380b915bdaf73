import { describe, expect, it, vi } from 'vitest';
import { throttledPing } from './activity';

describe('throttledPing', () => {
  it('pings at once, then at most once per interval', () => {
    let now = 1_000;
    const touch = vi.fn();
    const ping = throttledPing(touch, 20_000, () => now);
    ping();
    ping();
    now += 19_999;
    ping();
    expect(touch).toHaveBeenCalledTimes(1);
    now += 1;
    ping();
    expect(touch).toHaveBeenCalledTimes(2);
  });
});
