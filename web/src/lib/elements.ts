// The vocabularies of the five elements (the public contract in design/collaboration-model.md).
export const FORMS = ['co_branding', 'licensing', 'consignment', 'endorsement', 'distribution', 'joint_venture', 'nda', 'mou'] as const;
export const GOALS = ['brand_awareness', 'new_market', 'revenue', 'product_innovation', 'learning', 'other'] as const;
export const CRITERIA = [
  'brand_image_fit',
  'audience_overlap',
  'product_complementarity',
  'capability_fit',
  'reputation_risk',
  'relational_fit',
  'awareness_asymmetry',
] as const;
export const KPIS = [
  'follower_growth_pct',
  'engagement_rate_pct',
  'reach',
  'mentions',
  'ctr_pct',
  'recall_pct',
  'units_sold',
  'net_revenue',
  'profit',
  'margin_pct',
  'roi_pct',
] as const;

export type Form = (typeof FORMS)[number];
export type Goal = (typeof GOALS)[number];
export type Criterion = (typeof CRITERIA)[number];
export type KpiKey = (typeof KPIS)[number];
