/** Where the tab's page runs, from what the browser and teams-js tell it (no DOM needed: tested in node). */

/** Teams' mobile clients (teams-js `context.app.host.clientType`): a tab there cannot print. */
const MOBILE_CLIENTS = new Set(['android', 'ios', 'ipados']);

/** Whether `window.print()` works where the page runs: a browser, or Teams on a computer. */
export function canPrintIn(clientType: string | undefined): boolean {
  return !MOBILE_CLIENTS.has(clientType ?? '');
}

/** The page was opened as a deep link's browser fallback (`?outside=teams`), not inside Teams. */
export function openedOutsideTeams(search: string, framed: boolean): boolean {
  return !framed && new URLSearchParams(search).get('outside') === 'teams';
}
