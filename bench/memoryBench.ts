// Server memory with every sample KEP open (each README and kep.yaml), read from outside the process
// (/proc/<pid>/status VmRSS), beside the floor server holding the same documents.
import { readFileSync } from 'node:fs';
import { FLOOR_SERVER, LspSession, OUR_SERVER } from './lspSession';

export interface MemoryResult {
  documents: number;
  ours: { rss: number; openMs: number };
  floor: { rss: number; openMs: number };
}

function rssOf(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}

async function openEverything(script: string, root: string, files: string[]): Promise<{ rss: number; openMs: number }> {
  const session = new LspSession(script);
  try {
    await session.initialize(root);
    const start = Date.now();
    await session.openAll(files);
    const openMs = Date.now() - start;
    // Let the last publications drain and the heap settle before reading.
    await new Promise((r) => setTimeout(r, 1000));
    return { rss: rssOf(session.pid), openMs };
  } finally {
    await session.shutdown();
  }
}

export async function benchMemory(root: string, files: string[]): Promise<MemoryResult> {
  const ours = await openEverything(OUR_SERVER, root, files);
  const floor = await openEverything(FLOOR_SERVER, root, files);
  return { documents: files.length, ours, floor };
}
