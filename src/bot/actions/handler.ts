import type { Reply } from '../reply';
import type { Turn } from '../turn';

/** Handles one card verb: `data` is the card's untrusted payload (inputs included). */
export type ActionHandler = (turn: Turn, data: Record<string, unknown>) => Promise<Reply>;

/** Handles one chat command: `arg` is what followed the command word. */
export type CommandHandler = (turn: Turn, arg: string) => Promise<Reply>;
