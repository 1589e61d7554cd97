import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The key that signs the bot's own links, and every key a link may carry (current first). */
export interface LinkKeys {
  sign: Uint8Array;
  verify: Uint8Array[];
}

/** Where local mode keeps the key it generated (base64, one line, readable by its owner only). */
export const KEY_FILE = 'link-signing-key';

async function readKeyFile(file: string): Promise<Uint8Array | undefined> {
  try {
    const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    return key.length >= 32 ? new Uint8Array(key) : undefined;
  } catch {
    return undefined;
  }
}

/** The key kept under `dataDir`, made once: two processes starting together end up with the same one. */
async function keptKey(dataDir: string): Promise<Uint8Array> {
  const file = path.join(dataDir, KEY_FILE);
  const existing = await readKeyFile(file);
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true });
  const draft = `${file}.${process.pid}.${Date.now()}`;
  await writeFile(draft, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  try {
    await link(draft, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(draft);
  }
  const kept = await readKeyFile(file);
  if (!kept)
    throw new Error(`${file} does not hold a key of at least 32 bytes (base64); delete it to get a new one`);
  return kept;
}

/**
 * The link-signing keys: LINK_SIGNING_KEY (and LINK_SIGNING_KEY_PREVIOUS during a rotation), or in
 * local mode a key generated once and kept under DATA_DIR, so links outlive the process.
 */
export async function linkKeys(settings: {
  linkSigning: { current?: Uint8Array; previous?: Uint8Array };
  dataDir: string;
}): Promise<LinkKeys> {
  const sign = settings.linkSigning.current ?? (await keptKey(settings.dataDir));
  const previous = settings.linkSigning.previous;
  return { sign, verify: previous ? [sign, previous] : [sign] };
}
