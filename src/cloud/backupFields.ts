import type { Backup } from './models';
import { statusFamily } from './status';
import type { RawObject } from './types';
import { toNumber, toText, toTime } from './values';

/** The fields ADB and MongoDB backups name alike (DBS names them differently). */
export function commonBackupFields(raw: RawObject): Pick<Backup, 'id' | 'status' | 'statusText' | 'type' | 'method' | 'sizeBytes' | 'startTime' | 'endTime'> {
  return {
    id: toText(raw.BackupId) ?? '',
    status: statusFamily(toText(raw.BackupStatus)),
    statusText: toText(raw.BackupStatus),
    type: toText(raw.BackupType),
    method: toText(raw.BackupMethod),
    sizeBytes: toNumber(raw.BackupSize),
    startTime: toTime(raw.BackupStartTime),
    endTime: toTime(raw.BackupEndTime),
  };
}
