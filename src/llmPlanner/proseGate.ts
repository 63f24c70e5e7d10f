// Streamed prose, checked a sentence at a time before anyone sees it: the model's text deltas are buffered until a
// sentence ends, the sentence is grounded (one naming something the data does not hold is dropped,
// src/llmPlanner/grounding.ts) and its known names cited, and only then written to the stream. The first sentence
// that passes opens the stream with a status line and the label; nothing is streamed if none passes.
import type { AnswerCitation, ProseStream } from '../actions/contracts/messagePlanner';
import { removeUngrounded } from './grounding';

export const STREAM_STATUS = 'Thinking…';

/** A sentence ends at . ! or ? followed by whitespace, or at a blank line. */
const SENTENCE_END = /[.!?](?=\s)|\n\s*\n/;

export interface ProseGateOptions {
  stream: ProseStream;
  /** The line written before the first sentence ("General security knowledge from …:"). */
  label: string;
  isKnown: (name: string) => boolean;
  /** Cites the known names of one kept sentence, numbering from `start + 1`. */
  cite: (sentence: string, start: number) => { text: string; citations: AnswerCitation[] };
  onRemoved?: (names: string[]) => void;
}

export interface ProseGate {
  /** Feed a text delta as it arrives. */
  onText(delta: string): void;
  /** Whether any text was fed (a model without streaming feeds none: its answer is checked whole). */
  readonly received: boolean;
  /**
   * What was written (label included) and its citations, or undefined when nothing was. `complete`: the model
   * finished its answer, so the text left in the buffer is checked and written too; otherwise (a timeout, a tool
   * call after the prose) an unfinished sentence is dropped.
   */
  finish(complete: boolean): { text: string; citations: AnswerCitation[] } | undefined;
}

export function createProseGate(options: ProseGateOptions): ProseGate {
  let buffer = '';
  let written = '';
  let separator = '';
  const citations: AnswerCitation[] = [];

  const emit = (sentence: string, followedBy: string) => {
    const grounded = removeUngrounded(sentence, options.isKnown);
    if (grounded.removed.length > 0) options.onRemoved?.(grounded.removed);
    if (grounded.text) {
      const cited = options.cite(grounded.text, citations.length);
      citations.push(...cited.citations);
      if (!written) {
        options.stream.inform(STREAM_STATUS);
        written = `${options.label}\n\n`;
        options.stream.write(written);
      }
      const piece = `${written.endsWith('\n\n') ? '' : separator}${cited.text}`;
      written += piece;
      options.stream.write(piece);
    }
    // A paragraph break survives a dropped sentence; otherwise one space joins sentences.
    const paragraph = /\n\s*\n/.test(followedBy);
    if (paragraph) separator = '\n\n';
    else if (grounded.text) separator = ' ';
  };

  const drain = (final: boolean) => {
    for (;;) {
      const match = SENTENCE_END.exec(buffer);
      if (!match) break;
      const end = match.index + (match[0].startsWith('\n') ? 0 : 1);
      const rest = buffer.slice(end);
      const gap = /^\s*/.exec(rest)?.[0] ?? '';
      // Wait for the whitespace after the sentence to be complete (it may continue in the next delta).
      if (!final && gap.length === rest.length) break;
      const sentence = buffer.slice(0, end).trim();
      buffer = rest.slice(gap.length);
      if (sentence) emit(sentence, gap);
    }
    if (final && buffer.trim()) {
      emit(buffer.trim(), '');
      buffer = '';
    }
  };

  let received = false;
  return {
    get received() {
      return received;
    },
    onText: (delta) => {
      received = true;
      buffer += delta;
      drain(false);
    },
    finish: (complete) => {
      if (complete) drain(true);
      return written ? { text: written.trimEnd(), citations } : undefined;
    },
  };
}
