// Taking part in a consultation — stances, comments, authors' edits, reports, translations of what
// others said — through one entry point per write, each checking every rule (rules.ts): the pages,
// the API and scripts call these, never the storage functions below them (stances/service.ts
// setStance, comments/service.ts addComment…), which check none of those rules.
export { takeStance, withdrawStance, type FeedbackWrite } from './stances';
export { postComment, editComment, deleteComment, reportComment } from './comments';
export { translateComment, machineTranslateComment, translateReason, machineTranslateReason, translateWaitingItem } from './translations';
export { ParticipationRefusal, type Refusal } from './refusal';
export type { Participant, ClausePlace } from './rules';
