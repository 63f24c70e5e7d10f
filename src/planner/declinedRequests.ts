// Requests the bot declines whatever posture words they carry: changing or destroying resources ("delete all the
// storage accounts", "shut down vm-web-01") and writing infrastructure code from scratch ("generate a terraform
// module for a storage account"). Fixes go through the remediate and IaC skills, which confirm before acting.

/** Verbs that destroy or stop resources, said as the request itself (the first word after politeness). */
const DESTRUCTIVE = /^(?:delete|destroy|terminate|wipe|erase|purge|deallocate|decommission|deprovision|shut ?down|power ?off|reboot|kill|nuke)\b/;
/** Verbs that author code, said as the request itself. */
const AUTHORING = /^(?:generate|write|create|author|scaffold|draft|build)\b/;
const POLITE = /^(?:(?:please|pls|can you|could you|would you|will you|go ahead and|i want you to|i need you to|now|just|ok|okay|and)\s+)+/;

const requestOf = (normalized: string) => normalized.replace(/^[^\p{L}\p{N}]+/u, '').replace(POLITE, '');

/** "delete all the storage accounts": a change the bot never makes from a question. */
export function isDestructiveRequest(normalized: string): boolean {
  return DESTRUCTIVE.test(requestOf(normalized));
}

/** "generate a terraform module ...": writing new code, not fixing findings in a repository. */
export function isAuthoringRequest(normalized: string): boolean {
  return AUTHORING.test(requestOf(normalized));
}
