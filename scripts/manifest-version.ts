import { projectRoot } from '../src/paths';
import { bumpManifestVersion } from './app-package';

/** `npm run manifest:version`: raises manifest/manifest.json's patch version (the toolkit's publish runs it). */
process.stdout.write(`manifest version ${bumpManifestVersion(projectRoot())}\n`);
