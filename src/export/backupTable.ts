// A resource's backups as an export table: the normalised fields people compare, one row per backup and one per
// part (a database's archive, a shard's backup). Never the raw API objects, which hold URLs in fields of their
// own. No `vscode`: titles come through the translator the caller passes.
import type { Backup } from '../cloud/models';
import type { Translate } from '../products/catalog';
import type { OwnedBackup } from './readBackups';
import type { ExportColumn, ExportTable, ExportValue } from './table';

export function backupColumns(t: Translate): ExportColumn[] {
  return [
    { key: 'product', title: t('Product') },
    { key: 'region', title: t('Region') },
    { key: 'resourceId', title: t('Resource ID') },
    { key: 'resourceName', title: t('Resource name') },
    { key: 'shardNode', title: t('Shard node') },
    { key: 'backupId', title: t('Backup ID') },
    { key: 'partOf', title: t('Part of backup') },
    { key: 'status', title: t('Status') },
    { key: 'type', title: t('Type') },
    { key: 'method', title: t('Method') },
    { key: 'mode', title: t('Mode') },
    { key: 'sizeBytes', title: t('Size (bytes)') },
    { key: 'startTime', title: t('Started (UTC)') },
    { key: 'endTime', title: t('Finished (UTC)') },
    { key: 'expires', title: t('Expires (UTC)') },
    { key: 'restorable', title: t('Restorable') },
    { key: 'progressPercent', title: t('Progress (%)') },
    { key: 'downloadUrl', title: t('Download URL'), signedUrl: true },
    { key: 'intranetDownloadUrl', title: t('Intranet download URL'), signedUrl: true },
  ];
}

function backupRow(owned: OwnedBackup, backup: Backup, partOf?: string): Record<string, ExportValue> {
  const { owner } = owned;
  return {
    product: owner.product,
    region: backup.region || owner.region,
    resourceId: owner.id,
    resourceName: owner.name,
    shardNode: backup.nodeId,
    backupId: backup.id,
    partOf,
    status: backup.statusText ?? backup.status,
    type: backup.type,
    method: backup.method,
    mode: backup.mode,
    sizeBytes: backup.sizeBytes,
    startTime: backup.startTime,
    endTime: backup.endTime,
    // "never" is the APIs' own sentinel, said in words rather than as the year 9999.
    expires: backup.expiry?.kind === 'never' ? 'never' : backup.expiry?.time,
    restorable: backup.available,
    progressPercent: backup.progressPercent,
    downloadUrl: backup.downloadUrl,
    intranetDownloadUrl: backup.intranetDownloadUrl,
  };
}

/** One row per backup, then one per part of it. */
export function backupRows(backups: readonly OwnedBackup[]): ExportTable['rows'] {
  return backups.flatMap((owned) => [
    backupRow(owned, owned.backup),
    ...(owned.backup.parts ?? []).map((part) => backupRow(owned, part, owned.backup.id)),
  ]);
}

/** How many parts came with the backups (rows beyond one per backup). */
export function partCount(backups: readonly OwnedBackup[]): number {
  return backups.reduce((sum, owned) => sum + (owned.backup.parts?.length ?? 0), 0);
}
