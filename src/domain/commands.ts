/** The chat commands the bot understands (DESIGN §4), in the order a group meets them; help lists them all. */
export const COMMAND_NAMES = [
  'help',
  'setup',
  'status',
  'invite',
  'guide',
  'start',
  'remind',
  'summary',
  'across',
  'myData',
  'deleteMyData',
  'deleteGroup',
] as const;

/** The name of a chat command. */
export type CommandName = (typeof COMMAND_NAMES)[number];
