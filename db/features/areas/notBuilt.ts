import { AppError } from '../../core/appError';

/** A channel whose service is being built (removed when the last handler is wired). */
export function notBuilt(): never {
  throw new AppError('INTERNAL', undefined, undefined, 'common.notBuilt');
}
