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
