// What a repository host's HTTP errors mean to the person who asked: missing rights get a clear sentence.
import { AppError } from '../../errors/appError';

export function hostError(host: string, status: number | undefined, action: string, cause: unknown): AppError {
  if (status === 401) return new AppError('REPOSITORY_ACCESS_DENIED', `${host} refused the token (401) while trying to ${action}: it is missing, expired or revoked.`, { cause });
  if (status === 403) return new AppError('REPOSITORY_ACCESS_DENIED', `${host} says the token may not ${action} (403): give it write access to code and pull requests.`, { cause });
  if (status === 404) return new AppError('REPOSITORY_ACCESS_DENIED', `${host} did not find the repository while trying to ${action} (404): check its name, or give the token read access to it.`, { cause });
  return new AppError('REPOSITORY_UNAVAILABLE', `${host} could not ${action}${status ? ` (HTTP ${status})` : ''}. Try again later.`, { cause });
}

export const statusOf = (error: unknown): number | undefined => {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
};
