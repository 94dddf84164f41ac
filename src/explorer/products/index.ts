import { adbExplorer } from './adbNodes';
import { dbsExplorer } from './dbsNodes';
import { ddsExplorer } from './ddsNodes';
import type { ProductExplorer } from './productExplorer';

/** The products the tree shows under each region, in this order. */
export const PRODUCT_EXPLORERS: readonly ProductExplorer[] = [adbExplorer, ddsExplorer, dbsExplorer];
