// `pnpm release` guard: publishing is for versions `changeset version` wrote. A
// pending changeset means the versions and CHANGELOGs of the release are not
// written (and committed) yet.
import { readdirSync } from 'node:fs';

const pending = readdirSync(new URL('../.changeset/', import.meta.url)).filter(
  (file) => file.endsWith('.md') && file !== 'README.md',
);
if (pending.length > 0) {
  console.error(
    `Pending changesets (${pending.join(', ')}): run \`pnpm changeset version\`, review and commit the versions and CHANGELOGs, then release.`,
  );
  process.exit(1);
}
