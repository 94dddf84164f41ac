import { Handler, intParam, optional, Params, required, timeRange } from './api';
import { isoSeconds } from './builders';
import { presign } from './dds';
import { ApiError, gatewayErrors } from './errors';
import { BASE_TIME_MS, Dataset } from './model';
import { intIn } from './random';
import { RdsInstance } from './rdsData';

/**
 * ApsaraDB RDS 2014-08-15 (contract part 2, §3): DescribeRegions one row per zone, DescribeDBInstances with integer
 * counters, DescribeBackups with string counters and per-database links, DescribeBackupPolicy.
 */

const SECOND = 1000;

const bad = (status: number, code: string, message: string) => new ApiError(status, code, message);

function findInstance(data: Dataset, id: string): RdsInstance {
  const inst = data.rds.instances.find((i) => i.id === id);
  if (!inst) {
    throw bad(404, 'InvalidDBInstance.NotFound', 'Specified instance does not exist or not support.');
  }
  return inst;
}

const describeRegions: Handler = ({ params, data }) => {
  const lang = optional(params, 'AcceptLanguage') ?? 'en-US';
  if (lang !== 'en-US' && lang !== 'zh-CN') {
    throw bad(404, 'InvalidAcceptLanguage.NotFound', 'Only Chinese (zh-CN) and English (en-US) are allowed.');
  }
  // One row per zone: the region repeats, as the real answer does.
  const rows = data.rds.regions.flatMap((r) =>
    r.zones.map((z) => ({
      RegionId: r.regionId,
      ZoneId: `${r.regionId}-${z}`,
      ZoneName: lang === 'zh-CN' ? `${r.nameZh} 可用区${z.toUpperCase()}` : `${r.nameEn} Zone ${z.toUpperCase()}`,
      LocalName: lang === 'zh-CN' ? r.nameZh : r.nameEn,
      RegionEndpoint: 'rds.aliyuncs.com',
    })),
  );
  return { body: { Regions: { RDSRegion: rows } } };
};

function instanceRecord(d: RdsInstance): object {
  return {
    DBInstanceId: d.id,
    DBInstanceDescription: d.description,
    Engine: d.engine,
    EngineVersion: d.engineVersion,
    DBInstanceType: d.type,
    MasterInstanceId: d.masterId === '' ? null : d.masterId,
    DBInstanceStatus: d.status,
    LockMode: 'Unlock',
    LockReason: '',
    Category: d.category,
    DBInstanceStorageType: d.storageType,
    RegionId: d.regionId,
    ZoneId: d.zoneId,
    PayType: d.payType,
    CreateTime: d.createTime,
    ExpireTime: '',
    DestroyTime: '',
    // A string and an integer, as documented.
    DBInstanceCPU: '2',
    DBInstanceMemory: 4096,
    MutriORsignle: false,
  };
}

const INSTANCE_TYPES = ['Primary', 'Readonly', 'Guard', 'Temp'];

const describeDBInstances: Handler = ({ params, data }) => {
  const regionId = required(params, 'RegionId');
  if (!data.rds.regions.some((r) => r.regionId === regionId)) {
    throw gatewayErrors.invalidRegion();
  }
  const type = optional(params, 'DBInstanceType');
  if (type !== undefined && !INSTANCE_TYPES.includes(type)) {
    throw bad(400, 'InvalidDBInstanceType.ValueNotSupport', 'The specified DBInstanceType is not supported.');
  }
  // Not documented: the error for a PageSize outside 1-100 (a guess).
  const invalid = (name: string) => () => bad(400, 'InvalidParameter', `The specified parameter ${name} is not valid.`);
  const pageSize = intParam(params, 'PageSize', 30, (n) => n >= 1 && n <= 100, invalid('PageSize'));
  const pageNumber = intParam(params, 'PageNumber', 1, (n) => n >= 1, invalid('PageNumber'));
  const engine = optional(params, 'Engine');
  const id = optional(params, 'DBInstanceId');
  const matches = data.rds.instances.filter(
    (d) =>
      d.regionId === regionId &&
      (type === undefined || d.type === type) &&
      (engine === undefined || d.engine === engine) &&
      (id === undefined || id.split(',').includes(d.id)),
  );
  const page = matches.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  const withReadOnly = (d: RdsInstance) => ({
    ...instanceRecord(d),
    ReadOnlyDBInstanceIds: { ReadOnlyDBInstanceId: data.rds.instances.filter((r) => r.masterId === d.id).map((r) => ({ DBInstanceId: r.id })) },
  });
  return {
    body: {
      Items: { DBInstance: page.map(withReadOnly) },
      // Integers here, unlike DescribeBackups.
      TotalRecordCount: matches.length,
      PageRecordCount: page.length,
      PageNumber: pageNumber,
      NextToken: '',
    },
  };
};

/** Deterministic traits by backup index; the moduli make each kind show up in small series. */
const failed = (i: number) => i % 13 === 7;
const manual = (i: number) => i % 10 === 3;

function method(d: RdsInstance, i: number): string {
  if (d.engine === 'PostgreSQL') return i % 3 === 0 ? 'Snapshot' : 'Physical';
  if (d.engine === 'SQLServer') return i % 4 === 1 ? 'Snapshot' : 'Physical';
  return i % 6 === 1 ? 'Logical' : 'Physical';
}

function backupType(d: RdsInstance, i: number): string {
  return d.engine === 'MySQL' && method(d, i) === 'Physical' && i % 5 === 2 ? 'IncrementalBackup' : 'FullBackup';
}

/** Per-database links (logical backups of instances with databases); `dbList` names the database, as the example. */
function linksByDb(d: RdsInstance, id: string, expires: number): object[] {
  return d.databases.map((db) => {
    const path = `custins${d.custinsId}/${id}_${encodeURIComponent(db)}.zip`;
    const tail = `${presign(d.regionId, expires)}&dbList=${encodeURIComponent(db)}`;
    return {
      DataBase: db,
      DownloadLink: `https://${d.regionId}.bak.rds.aliyuncs.com/${path}?${tail}`,
      IntranetDownloadLink: `https://${d.regionId}-internal.bak.rds.aliyuncs.com/${path}?${tail}`,
    };
  });
}

function backupRecord(d: RdsInstance, i: number, now: number, expirySeconds: number): object {
  const s = d.backups;
  const start = s.startMs(i);
  const end = start + intIn(s.seed, i, 3, 60, 3600) * SECOND;
  const id = String(s.id(i));
  const ok = !failed(i);
  const how = method(d, i);
  const expires = Math.floor(now / 1000) + expirySeconds;
  // SQL Server and cloud-disk snapshots have no file to download; failed backups neither.
  const downloadable = ok && how !== 'Snapshot';
  const file = `custins${d.custinsId}/hins${d.custinsId + 1}_data_${isoSeconds(end).replace(/[-:TZ]/g, '')}.tar.gz`;
  const url = (host: string) => (downloadable ? `http://${host}/${file}?${presign(d.regionId, expires)}` : '');
  const perDb = ok && how === 'Logical' && d.databases.length > 0;
  return {
    BackupId: id,
    DBInstanceId: d.id,
    BackupStatus: ok ? 'Success' : 'Failed',
    BackupType: backupType(d, i),
    BackupMethod: how,
    BackupMode: manual(i) ? 'Manual' : 'Automated',
    BackupInitiator: manual(i) ? 'User' : 'System',
    BackupSize: ok ? intIn(s.seed, i, 2, 10_000_000, 60_000_000_000) : 0,
    // The text says minutes; the examples have seconds, which the emulator serves.
    BackupStartTime: isoSeconds(start),
    BackupEndTime: isoSeconds(end),
    BackupDownloadURL: url(`rdsbak-hz-v3.oss-${d.regionId}.aliyuncs.com`),
    BackupIntranetDownloadURL: url(`rdsbak-hz-v3.oss-${d.regionId}-internal.aliyuncs.com`),
    BackupDownloadLinkByDB: { BackupDownloadLinkByDB: perDb ? linksByDb(d, id, expires) : [] },
    HostInstanceID: String(d.custinsId + 1 + (i % 2)),
    StoreStatus: manual(i) ? 'Enabled' : 'Disabled',
    // Epoch seconds, MySQL only; 0 otherwise.
    ConsistentTime: ok && d.engine === 'MySQL' ? Math.floor(end / 1000) : 0,
    IsAvail: ok ? 1 : 0,
    MetaStatus: ok ? 'OK' : '',
    StorageClass: '0',
    Checksum: String(intIn(s.seed, i, 4, 1_000_000_000, 2_000_000_000)),
    CopyOnlyBackup: d.engine === 'SQLServer' ? '0' : '',
    Encryption: '{}',
    Engine: d.engine,
    EngineVersion: d.engineVersion,
  };
}

function oneOf(p: Params, name: string, values: readonly string[]): string | undefined {
  const v = optional(p, name);
  if (v !== undefined && !values.includes(v)) {
    throw bad(400, 'InvalidParameter', `The specified parameter ${name} is not valid.`);
  }
  return v;
}

const describeBackups: Handler = ({ params, data, now, urlExpirySeconds }) => {
  const d = findInstance(data, required(params, 'DBInstanceId'));
  const range = timeRange(params, {
    start: () => bad(400, 'InvalidStartTime.Format', 'Specified start time is not valid.'),
    end: () => bad(400, 'InvalidEndTime.Format', 'Specified end time is not valid.'),
    order: () => bad(400, 'InvalidParameterCombination', 'end time must be greater than start time.'),
  });
  // The docs list 30/50/100, META 30-1000: both readings are accepted.
  const pageSize = intParam(params, 'PageSize', 30, (n) => n >= 30 && n <= 1000, () =>
    bad(403, 'InvalidMaxRecordsPerPage.Malformed', 'Specified MaxRecordsPerPage is not valid.'),
  );
  const pageNumber = intParam(params, 'PageNumber', 1, (n) => n >= 1, () =>
    bad(400, 'InvalidPageNumbers.Malformed', 'Specified PageNumbers is not valid.'),
  );
  const status = oneOf(params, 'BackupStatus', ['Success', 'Failed']);
  const mode = oneOf(params, 'BackupMode', ['Automated', 'Manual']);
  const type = oneOf(params, 'BackupType', ['FullBackup', 'IncrementalBackup']);
  const backupId = optional(params, 'BackupId');
  const s = d.backups;
  const wanted = backupId === undefined ? undefined : /^\d+$/.test(backupId) ? s.indexOfId(Number(backupId)) : -1;
  const filtered = status !== undefined || mode !== undefined || type !== undefined || wanted !== undefined;
  const match = (i: number) =>
    (status === undefined || (status === 'Failed') === failed(i)) &&
    (mode === undefined || (mode === 'Manual') === manual(i)) &&
    (type === undefined || backupType(d, i) === type) &&
    (wanted === undefined || wanted === i);
  const page = s.query({ ...range, match: filtered ? match : undefined }, (pageNumber - 1) * pageSize, pageSize);
  return {
    body: {
      Items: { Backup: page.indices.map((i) => backupRecord(d, i, now, urlExpirySeconds)) },
      // Strings here, unlike DescribeDBInstances.
      TotalRecordCount: String(page.total),
      PageRecordCount: String(page.indices.length),
      PageNumber: String(pageNumber),
      TotalBackupSize: 0,
      TotalEcsSnapshotSize: 0,
    },
  };
};

const describeBackupPolicy: Handler = ({ params, data }) => {
  const d = findInstance(data, required(params, 'DBInstanceId'));
  const p = d.policy;
  const next = d.backups.count > 0 ? d.backups.startMs(d.backups.count - 1) + 24 * 3600 * SECOND : BASE_TIME_MS;
  return {
    body: {
      BackupRetentionPeriod: p.retentionDays,
      PreferredBackupPeriod: p.period,
      PreferredBackupTime: p.window,
      PreferredNextBackupTime: isoSeconds(next).replace(/:\d{2}Z$/, 'Z'),
      LogBackupRetentionPeriod: p.retentionDays,
      // A "1"/"0" string and an Enable/Disabled word for the same switch.
      EnableBackupLog: p.logBackup ? '1' : '0',
      BackupLog: p.logBackup ? 'Enable' : 'Disabled',
      EnableIncrementDataBackup: false,
      LocalLogRetentionHours: 18,
      LocalLogRetentionSpace: '30',
      HighSpaceUsageProtection: 'Enable',
      ReleasedKeepPolicy: 'None',
      BackupInterval: '-1',
      Category: 'Standard',
      CompressType: '1',
    },
  };
};

export const rdsActions: Readonly<Record<string, Handler>> = {
  DescribeRegions: describeRegions,
  DescribeDBInstances: describeDBInstances,
  DescribeBackups: describeBackups,
  DescribeBackupPolicy: describeBackupPolicy,
};
