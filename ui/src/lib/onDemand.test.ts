import { describe, expect, it, vi } from 'vitest';
import { onDemand } from './onDemand';

describe('onDemand', () => {
  it('loads once for every caller and then answers without waiting', async () => {
    const importer = vi.fn(async () => 'chunk');
    const part = onDemand(importer);
    expect(part.current()).toBeNull();
    const [first, second] = await Promise.all([part.load(), part.load()]);
    expect([first, second]).toEqual(['chunk', 'chunk']);
    expect(part.current()).toBe('chunk');
    await part.load();
    expect(importer).toHaveBeenCalledTimes(1);
  });

  it('tries again after a failed load', async () => {
    const importer = vi.fn().mockRejectedValueOnce(new Error('chunk missing')).mockResolvedValueOnce('chunk');
    const part = onDemand<string>(importer);
    await expect(part.load()).rejects.toThrow('chunk missing');
    expect(part.current()).toBeNull();
    await expect(part.load()).resolves.toBe('chunk');
    expect(importer).toHaveBeenCalledTimes(2);
  });
});
