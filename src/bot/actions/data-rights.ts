import { confirmCard, myDataCard } from '../../cards/data-rights-cards';
import { richLine } from '../../cards/rich-text';
import type { Language } from '../../domain/types';
import { t, tp } from '../../i18n';
import { cardReply, messageReply, refusalReply, type Reply } from '../reply';
import type { Turn } from '../turn';
import { cleanUpChat } from '../chat-cleanup';
import { perform, type Handler } from '../act';

/** Where a group chat points for `mine data` / `slet mine data`: the personal chat, with a link to it in Teams. */
function personalOnly(
  turn: Turn,
  lang: Language,
  key: 'myData.privateOnly' | 'deleteMine.personalOnly',
): Reply {
  const link = turn.deps.personalChat?.(turn.actor.tenantId);
  return messageReply(link ? `${t(lang, key)} ${t(lang, 'personalChat.link', { url: link })}` : t(lang, key));
}

/** `mine data` and its page buttons: the person's data as a card (page `input.page`), only in a personal chat. */
export const myData: Handler = async (turn, input) => {
  const lang = await turn.language();
  if (turn.actor.chat !== 'personal') return personalOnly(turn, lang, 'myData.privateOnly');
  const done = await perform('myData', turn, input);
  return 'reply' in done ? done.reply : cardReply(myDataCard(lang, done.view, Number(input.page) || 1));
};

/**
 * `slet mine data`: asks first, with the number of groups it touches, and only in a personal chat:
 * in a group chat the button would reach everyone, so there it only points to the personal chat.
 */
export async function askDeleteMyData(turn: Turn): Promise<Reply> {
  const lang = await turn.language();
  if (turn.actor.chat !== 'personal') return personalOnly(turn, lang, 'deleteMine.personalOnly');
  const outcome = await turn.deps.app.myData(turn.actor);
  if (!outcome.ok) return refusalReply(turn, outcome);
  if (outcome.value.length === 0) return messageReply(t(lang, 'deleteMine.none'));
  return cardReply(
    confirmCard({
      title: t(lang, 'deleteMine.title'),
      body: tp(lang, 'deleteMine.body', outcome.value.length),
      notice: '',
      confirm: {
        verb: 'confirmDeleteMyData',
        title: t(lang, 'deleteMine.button'),
        token: turn.deps.app.myDataToken(turn.actor),
      },
    }),
  );
}

/** `slet gruppe`: asks the coordinator first; the button works for them, for this group, for 10 minutes. */
export async function askDeleteGroup(turn: Turn): Promise<Reply> {
  const lang = await turn.language();
  const outcome = await turn.deps.app.groupToDelete(turn.actor);
  if (!outcome.ok) return refusalReply(turn, outcome);
  const group = outcome.value.value;
  return cardReply(
    confirmCard({
      title: richLine(lang, 'deleteGroup.title', { name: group.name }),
      body: t(lang, 'deleteGroup.body'),
      notice: '',
      confirm: {
        verb: 'confirmDeleteGroup',
        title: t(lang, 'deleteGroup.button'),
        token: turn.deps.app.groupDeletionToken(turn.actor, group),
      },
    }),
  );
}

/**
 * Runs a deletion with no turn's earlier view standing for a shared card (before and after: a view
 * read before the deletion may hold what it removes); the next card updates read the stored state.
 */
async function withoutTurnViews<T>(turn: Turn, deletion: () => Promise<T>): Promise<T> {
  turn.deps.outbox.distrustTurnViews();
  try {
    return await deletion();
  } finally {
    turn.deps.outbox.distrustTurnViews();
  }
}

/** The confirmation button of `slet mine data`: delete, then show what happened in place of the button. */
export const confirmDeleteMyData: Handler = async (turn, input) => {
  const lang = await turn.language();
  if (turn.actor.chat !== 'personal') return personalOnly(turn, lang, 'deleteMine.personalOnly');
  const outcome = await withoutTurnViews(turn, () => turn.deps.app.confirmDeleteMyData(turn.actor, input));
  if (!outcome.ok) return refusalReply(turn, outcome);
  const { groups, rows, cleanups } = outcome.value;
  for (const cleanup of cleanups) void cleanUpChat(turn.deps, cleanup);
  const done = tp(lang, 'deleteMine.done', groups, { rows: tp(lang, 'deleteMine.rows', rows) });
  return cardReply(confirmCard({ title: t(lang, 'deleteMine.title'), body: '', notice: done }));
};

/** The confirmation button of `slet gruppe`: delete, then show what happened in place of the button. */
export const confirmDeleteGroup: Handler = async (turn, input) => {
  const lang = await turn.language();
  const outcome = await withoutTurnViews(turn, () => turn.deps.app.confirmDeleteGroup(turn.actor, input));
  if (!outcome.ok) return refusalReply(turn, outcome);
  if (outcome.value.cleanup) void cleanUpChat(turn.deps, outcome.value.cleanup);
  const { name } = outcome.value;
  return cardReply(
    confirmCard({
      title: richLine(lang, 'deleteGroup.title', { name }),
      body: '',
      notice: richLine(lang, 'deleteGroup.done', { name }),
    }),
  );
};
