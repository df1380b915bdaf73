// The Node calls the UI's tests make to read source files (the style
// sheets), typed here rather than pulling in all of @types/node for them.
declare module 'node:fs' {
  export function readdirSync(path: string): string[];
  export function readFileSync(path: string, encoding: 'utf8'): string;
}

declare const process: { cwd(): string };
