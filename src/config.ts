import * as vscode from 'vscode';
import { checkEndpointOverride, type EndpointOverrides } from './cloud/endpoints';
import { isRegionId } from './cloud/regions';
import { PRODUCTS } from './products';
import type { ProductEntry } from './products/catalog';

export const SECTION = 'alibabaCloudBackups';
const PAGE_SIZES = [30, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

/** The manifest's ranges: a value outside them would make every request fail at once (Node's timer overflows). */
export const TIMEOUT_SECONDS = { min: 1, max: 120, fallback: 10 } as const;
export const CONCURRENCY = { min: 1, max: 32, fallback: 8 } as const;
export const WINDOW_DAYS = { min: 1, max: 365, fallback: 7 } as const;
const MAX_REGIONS = 100;

export interface ExplorerSettings {
  regions: string[];
  /** The product codes the tree shows; empty means every product. */
  products: string[];
  endpointOverrides: EndpointOverrides;
  pageSize: PageSize;
  timeoutMs: number;
  maxConcurrentRequests: number;
  useEcsMetadata: boolean;
  /** The first time window of lists whose API requires one (AnalyticDB 5.0), in days. */
  backupWindowDays: number;
  /** Values that cannot be used, each naming the setting (never its value) and what is used instead. */
  problems: string[];
}


/**
 * A setting that decides where credentials and signed requests go: only the user's own settings count. The
 * manifest already scopes these to `application`; reading `globalValue` keeps workspace values out even if a
 * VS Code version (or a scope change) were to let one through.
 */
function userSetting<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/** The catalog's products the user wants in the tree (all when the setting is empty). */
export function shownProducts(settings: Pick<ExplorerSettings, 'products'>): readonly ProductEntry[] {
  return settings.products.length === 0 ? PRODUCTS : PRODUCTS.filter((p) => settings.products.includes(p.id));
}

/**
 * Reads the settings, replacing any value the APIs cannot take by a usable one and saying so. Regions, page size,
 * timeout and concurrency may come from a workspace, which is why each is checked and clamped here.
 */
export function readSettings(): ExplorerSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const problems: string[] = [];

  const rawRegions = config.get<unknown>('regions');
  const regionList = Array.isArray(rawRegions) ? rawRegions : [];
  const regions = [...new Set(regionList.filter((r): r is string => typeof r === 'string').map((r) => r.trim()).filter(isRegionId))].slice(0, MAX_REGIONS);
  if ((!Array.isArray(rawRegions) && rawRegions !== undefined) || regions.length !== regionList.length) {
    problems.push(vscode.l10n.t('Some entries of alibabaCloudBackups.regions are not region IDs (such as cn-hangzhou) or repeat; they are ignored.'));
  }

  const rawProducts = config.get<unknown>('products');
  const known = new Set(PRODUCTS.map((p) => p.id));
  const productList = Array.isArray(rawProducts) ? rawProducts : [];
  const products = [...new Set(productList.filter((p): p is string => typeof p === 'string' && known.has(p)))];
  if ((!Array.isArray(rawProducts) && rawProducts !== undefined) || products.length !== productList.length) {
    problems.push(vscode.l10n.t('Some entries of alibabaCloudBackups.products are not product codes of this extension or repeat; they are ignored.'));
  }

  const rawOverrides = userSetting<unknown>(config, 'endpointOverrides');
  const overrides = typeof rawOverrides === 'object' && rawOverrides !== null ? (rawOverrides as Record<string, unknown>) : {};
  const endpointOverrides: EndpointOverrides = {};
  for (const { id: product } of PRODUCTS) {
    const value = overrides[product];
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    if (typeof value === 'string' && !checkEndpointOverride(value.trim())) endpointOverrides[product] = value.trim();
    else problems.push(vscode.l10n.t('alibabaCloudBackups.endpointOverrides.{0} is not an https:// base URL (http:// only to this machine); the public endpoint is used.', product));
  }

  let pageSize = config.get<unknown>('pageSize') ?? 100;
  if (!PAGE_SIZES.includes(pageSize as PageSize)) {
    problems.push(vscode.l10n.t('alibabaCloudBackups.pageSize is not one of 30, 50 or 100; 100 is used.'));
    pageSize = 100;
  }

  const timeout = clamp(config.get<unknown>('requestTimeoutSeconds'), TIMEOUT_SECONDS);
  if (timeout.adjusted) problems.push(vscode.l10n.t('alibabaCloudBackups.requestTimeoutSeconds must be between 1 and 120; {0} is used.', timeout.value));
  const concurrency = clamp(config.get<unknown>('maxConcurrentRequests'), CONCURRENCY);
  const maxConcurrentRequests = Math.floor(concurrency.value);
  if (concurrency.adjusted || maxConcurrentRequests !== concurrency.value) {
    problems.push(vscode.l10n.t('alibabaCloudBackups.maxConcurrentRequests must be a whole number between 1 and 32; {0} is used.', maxConcurrentRequests));
  }

  const window = clamp(config.get<unknown>('backupWindowDays'), WINDOW_DAYS);
  const backupWindowDays = Math.floor(window.value);
  if (window.adjusted || backupWindowDays !== window.value) {
    problems.push(vscode.l10n.t('alibabaCloudBackups.backupWindowDays must be a whole number between 1 and 365; {0} is used.', backupWindowDays));
  }

  return {
    regions,
    products,
    backupWindowDays,
    endpointOverrides,
    pageSize: pageSize as PageSize,
    timeoutMs: timeout.value * 1000,
    maxConcurrentRequests,
    useEcsMetadata: userSetting<unknown>(config, 'useEcsMetadata') === true,
    problems,
  };
}

export const STALE_AFTER_HOURS = { min: 1, max: 8760, fallback: 48 } as const;

/** Show Backup Health's threshold in whole hours, and what to log when the setting could not be used as it is. */
export function readStaleAfterHours(): { hours: number; problem?: string } {
  const read = clamp(vscode.workspace.getConfiguration(SECTION).get<unknown>('health.staleAfterHours'), STALE_AFTER_HOURS);
  const hours = Math.floor(read.value);
  if (!read.adjusted && hours === read.value) return { hours };
  return { hours, problem: vscode.l10n.t('alibabaCloudBackups.health.staleAfterHours must be a whole number of hours between 1 and 8760; {0} is used.', hours) };
}

/** A number within the range; anything else (a string, NaN, Infinity) is the fallback. */
function clamp(value: unknown, range: { min: number; max: number; fallback: number }): { value: number; adjusted: boolean } {
  if (value === undefined) return { value: range.fallback, adjusted: false };
  if (typeof value !== 'number' || !Number.isFinite(value)) return { value: range.fallback, adjusted: true };
  const clamped = Math.min(range.max, Math.max(range.min, value));
  return { value: clamped, adjusted: clamped !== value };
}
