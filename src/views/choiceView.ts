// View model for adaptiveCards/choice.json: "Which one?" when a reference fits several things, each candidate with
// one button that carries only an opaque ref (the action re-checks it when pressed).
export interface ChoiceItemView {
  /** "sql-billing-prod" */
  title: string;
  /** "SQL server · rg-payments-prod · Critical risk" */
  detail: string;
  buttonTitle: string;
  verb: string;
  ref: string;
}

export interface ChoiceView {
  title: string;
  intro: string;
  choices: ChoiceItemView[];
  /** "3 more are not shown: name the resource to pick one of them." or empty. */
  more: string;
}
