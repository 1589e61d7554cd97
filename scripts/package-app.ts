import { ConfigError, loadConfig } from '../src/config';
import { projectRoot } from '../src/paths';
import { writeAppPackage } from './app-package';

/** `npm run package`: writes build/appPackage.zip with ids from the environment (or .env). */
try {
  const out = writeAppPackage(projectRoot(), loadConfig());
  process.stdout.write(`Teams app package written to ${out}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(1);
}
