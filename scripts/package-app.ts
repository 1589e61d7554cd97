import { ConfigError, loadPackageSettings } from '../src/config';
import { projectRoot } from '../src/paths';
import { writeAppPackage } from './app-package';

/** `npm run package`: writes build/appPackage.zip with the ids and domain from the environment (or .env). */
try {
  const out = writeAppPackage(projectRoot(), loadPackageSettings());
  process.stdout.write(`Teams app package written to ${out}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
