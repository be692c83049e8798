/** The registry's controlled vocabularies; the migration's CHECK constraints hold the same lists. */
export const OWNERSHIP_STATUSES = ['unknown', 'claimed', 'disputed', 'confirmed', 'presumed_abandoned'] as const;
export const CONDITIONS = ['good', 'leaning', 'damaged', 'broken', 'fallen'] as const;
export const POLE_STATUSES = ['in_service', 'abandoned', 'removed'] as const;
export const MATERIALS = ['concrete', 'wood', 'steel', 'composite', 'unknown'] as const;
export const LOCATION_KINDS = ['main_road', 'street', 'alley', 'compound'] as const;
/** Coordinate systems a caller may declare; GCJ-02 and BD-09 are converted, never guessed. */
export const INPUT_CRS = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;

export type OwnershipStatus = (typeof OWNERSHIP_STATUSES)[number];
export type Condition = (typeof CONDITIONS)[number];
export type PoleStatus = (typeof POLE_STATUSES)[number];
export type Material = (typeof MATERIALS)[number];
export type LocationKind = (typeof LOCATION_KINDS)[number];
export type InputCrs = (typeof INPUT_CRS)[number];

/** The live map hides removed poles unless a caller asks for them. */
export const DEFAULT_VISIBLE_STATUSES: PoleStatus[] = ['in_service', 'abandoned'];
