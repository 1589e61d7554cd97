import { ConfigError, loadPackageSettings } from '../src/config';
import { projectRoot } from '../src/paths';
import { bumpManifestVersion, writeAppPackage } from './app-package';

/**
 * `npm run package`: raises the manifest's version (every upload to the org catalog needs a higher
 * one; commit the change), then writes build/appPackage.zip with the ids and domain from the
 * environment (or .env).
 */
try {
  const settings = loadPackageSettings();
  const version = bumpManifestVersion(projectRoot());
  const out = writeAppPackage(projectRoot(), settings);
  process.stdout.write(`Teams app package ${version} written to ${out}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
