/** Who asked for a modal, from where: a slash command or a button both carry these. */
export interface ModalRequest {
  teamId: string;
  userId: string;
  triggerId: string;
  /** Where the request came from; null from App Home. */
  channelId: string | null;
  /** For private answers to the requester; null from App Home. */
  responseUrl: string | null;
}

/** A button on App Home: there is no channel or response URL to answer in, so refusals go by DM. */
export const modalRequestFromHomeButton = (body: {
  team?: { id: string } | null;
  user: { id: string; team_id?: string };
  trigger_id: string;
}): ModalRequest => ({
  teamId: body.team?.id ?? body.user.team_id ?? '',
  userId: body.user.id,
  triggerId: body.trigger_id,
  channelId: null,
  responseUrl: null,
});
