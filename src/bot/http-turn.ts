import { CloudAdapter, type Activity, type TurnContext } from 'botbuilder';
import type { Logger } from '../log';
import { activityProblem } from './activity-shape';

/** What /api/messages answers for one activity; `error` is for the log, never for the client. */
export interface HttpTurnAnswer {
  status: number;
  body?: unknown;
  error?: unknown;
}

/** Date fields Teams sends as ISO text; the SDK expects Date objects (as its own HTTP handler makes them). */
function withDates(body: Record<string, unknown>): Activity {
  const activity: Record<string, unknown> = { ...body };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = body[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

/** What jsonwebtoken throws for a token that is not valid (the SDK passes them on without a status). */
const TOKEN_ERRORS = new Set<unknown>(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * The Bot Framework adapter with an HTTP turn that keeps errors to itself: the SDK's own handler
 * prints a stack on stderr and sends the error's text to whoever sent the request.
 */
export class EdgeAdapter extends CloudAdapter {
  /** Authenticates and runs one activity whose shape was already checked; maps failures to a status. */
  async runHttpTurn(
    authorization: string,
    body: Record<string, unknown>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<HttpTurnAnswer> {
    try {
      const invoke = await this.processActivity(authorization, withDates(body), logic);
      return { status: invoke?.status ?? 200, body: invoke?.body };
    } catch (error) {
      const { statusCode: code, name } = error as { statusCode?: unknown; name?: unknown };
      const status =
        typeof code === 'number' && code >= 400 && code < 500 ? code : TOKEN_ERRORS.has(name) ? 401 : 500;
      return { status, error };
    }
  }
}

/** Wraps one turn (the bench counts storage requests per activity with it). */
export type AroundTurn = (activityId: string | undefined, handle: () => Promise<void>) => Promise<void>;

/**
 * POST /api/messages once the HTTP edge has read the body: checks the activity's shape (a 400
 * before the SDK sees it), runs the turn and logs a refusal or failure; the answer's `error` is for
 * the log only.
 */
export function activityRoute(
  adapter: EdgeAdapter,
  logic: (context: TurnContext) => Promise<void>,
  log: Logger,
  aroundTurn?: AroundTurn,
): (body: unknown, authorization: string) => Promise<HttpTurnAnswer> {
  return async (body, authorization) => {
    const problem = activityProblem(body);
    if (problem) {
      log.info('activity.malformed', { problem });
      return { status: 400, error: problem };
    }
    const activity = body as Record<string, unknown>;
    let answer: HttpTurnAnswer = { status: 500 };
    const handle = async (): Promise<void> => {
      answer = await adapter.runHttpTurn(authorization, activity, logic);
      if (answer.error === undefined) return;
      if (answer.status < 500)
        log.info('activity.refused', { status: answer.status, reason: String(answer.error) });
      else log.error('activity.failed', { status: answer.status, error: answer.error });
    };
    const id = typeof activity.id === 'string' ? activity.id : undefined;
    await (aroundTurn ? aroundTurn(id, handle) : handle());
    return answer;
  };
}
