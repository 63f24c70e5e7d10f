// What the bot says about whose Azure access its answers follow.
export const UNSCOPED_NOTE =
  'Answers here are not scoped to your Azure access: single sign-on is not configured, so everyone sees the same posture data.';
export const SCOPED_NOTE = 'Answers show only what your own Azure roles let you read: I ask you to sign in once, on your first question.';
