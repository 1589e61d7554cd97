import { useAzureMonitor } from '@azure/monitor-opentelemetry';

/**
 * Preloaded with `--require` into the bot's process by `npm run bench -- --agent`: the Azure Monitor
 * OpenTelemetry distro, as App Service's Application Insights Node agent loads it into the same heap.
 * It exports to the bench's local sink (APPLICATIONINSIGHTS_CONNECTION_STRING), never to Azure.
 */
useAzureMonitor();
