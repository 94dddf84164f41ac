import * as vscode from 'vscode';
import { checkEndpointOverride, type EndpointOverrides } from './cloud/endpoints';
import type { ProductId } from './cloud/types';

export const SECTION = 'alibabaCloudBackups';
const PAGE_SIZES = [30, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export interface ExplorerSettings {
  regions: string[];
  endpointOverrides: EndpointOverrides;
  pageSize: PageSize;
  timeoutMs: number;
  maxConcurrentRequests: number;
  useEcsMetadata: boolean;
  /** Values the user set that cannot be used, each with what was used instead. */
  problems: string[];
}

const PRODUCTS: readonly ProductId[] = ['adb', 'dds', 'dbs'];

/** Reads the settings, replacing any value the APIs cannot take by its default and saying so. */
export function readSettings(): ExplorerSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const problems: string[] = [];

  const regions = (config.get<unknown[]>('regions') ?? []).filter((r): r is string => typeof r === 'string').map((r) => r.trim()).filter(Boolean);

  const rawOverrides = config.get<Record<string, unknown>>('endpointOverrides') ?? {};
  const endpointOverrides: EndpointOverrides = {};
  for (const product of PRODUCTS) {
    const value = rawOverrides[product];
    if (typeof value !== 'string' || value.trim() === '') continue;
    const problem = checkEndpointOverride(value.trim());
    if (problem) problems.push(vscode.l10n.t('endpointOverrides.{0}: {1} The public endpoint is used.', product, problem));
    else endpointOverrides[product] = value.trim();
  }

  let pageSize = config.get<number>('pageSize') ?? 100;
  if (!PAGE_SIZES.includes(pageSize as PageSize)) {
    problems.push(vscode.l10n.t('pageSize {0} is not one of 30, 50 or 100; 100 is used.', String(pageSize)));
    pageSize = 100;
  }

  return {
    regions,
    endpointOverrides,
    pageSize: pageSize as PageSize,
    timeoutMs: positive(config.get<number>('requestTimeoutSeconds'), 10) * 1000,
    maxConcurrentRequests: Math.floor(positive(config.get<number>('maxConcurrentRequests'), 8)),
    useEcsMetadata: config.get<boolean>('useEcsMetadata') === true,
    problems,
  };
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
