/** What the bot needs of an incoming activity before the SDK sees it; anything else is a 400. */

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const hasId = (v: unknown): boolean =>
  isObject(v) && typeof v.id === 'string' && v.id.length > 0 && v.id.length <= 1024;
const optional = (v: unknown, check: (x: unknown) => boolean): boolean =>
  v === undefined || v === null || check(v);
const isString = (v: unknown): boolean => typeof v === 'string';
const isArrayOf = (check: (x: unknown) => boolean) => (v: unknown) => Array.isArray(v) && v.every(check);

/** The first problem with an activity's shape, or undefined when the SDK can safely take it. */
export function activityProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'the body is not an activity';
  if (typeof body.type !== 'string' || body.type.length === 0 || body.type.length > 64) return 'type';
  if (typeof body.serviceUrl !== 'string' || !/^https?:\/\//i.test(body.serviceUrl)) return 'serviceUrl';
  if (typeof body.channelId !== 'string') return 'channelId';
  if (!hasId(body.conversation)) return 'conversation';
  if (!hasId(body.from)) return 'from';
  if (!hasId(body.recipient)) return 'recipient';
  if (!optional(body.id, isString) || !optional(body.text, isString) || !optional(body.name, isString))
    return 'id, text or name';
  if (!optional(body.replyToId, isString) || !optional(body.locale, isString)) return 'replyToId or locale';
  if (!optional(body.channelData, isObject)) return 'channelData';
  if (!optional(body.entities, isArrayOf(isObject))) return 'entities';
  if (!optional(body.membersAdded, isArrayOf(hasId)) || !optional(body.membersRemoved, isArrayOf(hasId)))
    return 'members';
  const conversation = body.conversation as Record<string, unknown>;
  if (!optional(conversation.tenantId, isString) || !optional(conversation.conversationType, isString))
    return 'conversation';
  if (body.type === 'invoke' && typeof body.name !== 'string') return 'name';
  if (body.name === 'adaptiveCard/action') {
    const action = isObject(body.value) ? body.value.action : undefined;
    if (!isObject(action) || typeof action.type !== 'string' || !optional(action.verb, isString))
      return 'value.action';
  }
  const from = body.from as Record<string, unknown>;
  if (!optional(from.aadObjectId, isString) || !optional(from.name, isString)) return 'from';
  return undefined;
}
