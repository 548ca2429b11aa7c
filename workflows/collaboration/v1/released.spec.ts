import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// collaboration.v1 is released: collaborations in the field run on it and their histories replay on it.
// If this fails, you changed v1. Compatible additions (optional context, new events or states, new payload fields
// that earlier histories never carry and that add context only when present) may stay in v1: then update the hash
// here. Anything else goes into a v2 (see ../index.ts).
const RELEASED: Record<string, string> = {
  v1: 'fd1f088769ca3e4520c477e5010beb9c1fbf71465002f1a1c818fc42bc9c49bc',
};

describe('released machine definitions', () => {
  it('v1 has not changed', () => {
    const files = ['types.ts', 'rules.ts', 'reducers.ts', 'machine.ts'].map((f) =>
      readFileSync(fileURLToPath(new URL(f, import.meta.url)), 'utf8').replace(/\r\n/g, '\n'),
    );
    expect(createHash('sha256').update(files.join('')).digest('hex')).toBe(RELEASED.v1);
  });
});
