// View model for adaptiveCards/delegationGroup.json: the one card an owner gets for a bulk delegation, listing the
// fixes asked of them. Each row opens that delegation's own card (Action.Execute verb `delegation`, act `view`),
// where the owner accepts, sets an ETA, marks it fixed, asks, or reassigns it.
export interface DelegationGroupRow {
  ref: string;
  version: number;
  /** "1. Storage accounts should restrict network access" */
  title: string;
  /** "stweb01 · High (risk Critical)" */
  detail: string;
}

export interface DelegationGroupCardView {
  title: string;
  intro: string;
  rows: DelegationGroupRow[];
  /** Rows beyond the ones shown: "And 12 more: ask what is assigned to me." */
  more: string;
  hasMore: boolean;
}
