import type { StatusFamily } from './models';

const FAMILIES: Record<string, StatusFamily> = {
  finished: 'success',
  ok: 'success',
  completed: 'success',
  uncompleted: 'failed',
  filling: 'running',
  success: 'success',
  finish: 'success',
  running: 'running',
  creating: 'running',
  restoring: 'running',
  classchanging: 'running',
  preparing: 'running',
  schedule: 'pending',
  wait: 'pending',
  init: 'failed',
  check_pass: 'pending',
  failed: 'failed',
  stop: 'failed',
  stopped: 'failed',
  pause: 'paused',
  paused: 'paused',
  locked: 'paused',
  lockmode: 'paused',
  deleting: 'paused',
};

/** Maps each API's status word (Finished, Success, finish, stop, pause, …) to one family for icons and menus. */
export function statusFamily(status: string | undefined): StatusFamily {
  return (status && FAMILIES[status.toLowerCase()]) || 'unknown';
}

/** For clusters, instances and plans "Running" is the healthy, steady state, not work in progress. */
export function resourceStatusFamily(status: string | undefined): StatusFamily {
  return status?.toLowerCase() === 'running' ? 'success' : statusFamily(status);
}
