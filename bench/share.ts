/**
 * Share-link length for each gallery scenario, in characters of the URL fragment (`#s1.…`):
 * what a person pastes into a chat. One JSON line per scenario, as bench/run.ts prints.
 */
import { GALLERY } from '../src/scenarios/gallery.ts';
import { encodeShareLink } from '../src/share/link.ts';

async function main(): Promise<void> {
  for (const entry of GALLERY) {
    const link = await encodeShareLink(entry.scenario);
    process.stdout.write(`${JSON.stringify({ name: `share-link-length/${entry.id}`, value: link.length, unit: 'chars' })}\n`);
  }
}

void main();
