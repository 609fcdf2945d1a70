/**
 * Names the construct in a (syntactically valid, `u`-mode) pattern that V8's linear-time regex engine cannot
 * run, so the refusal says what to change instead of the engine's bare "Cannot be executed in linear time".
 * Measured on Deno 2.9.6 (V8 15.0): backreferences, lookaheads and inline modifiers are refused; counted
 * repetitions are unrolled and refused once their copies, multiplied along the nesting, exceed 16
 * (`a{16}` and `(a{4}){4}` run, `a{17}` and `(a{2,3}){6}` do not). Lookbehinds run. Without the `u` flag
 * (also refused by the engine) `\p{…}` and `\u{…}` would silently mean something else, so they are named too.
 */

/** The engine's limit on unrolled copies of a counted repetition (V8's kMaxReplicationFactor). */
export const MAX_REPETITION_COPIES = 16;

interface Group {
  /** Largest product of repetition copies found inside the group so far. */
  copies: number;
}

/** The quantifier at `i`, or undefined: its text and how many copies the engine unrolls. */
function quantifierAt(pattern: string, i: number): { text: string; copies: number } | undefined {
  const c = pattern[i];
  if (c === "*" || c === "+" || c === "?") return { text: c, copies: 1 };
  if (c !== "{") return undefined;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = m[3] === undefined ? min : m[3] === "" ? undefined : Number(m[3]);
  return { text: m[0], copies: Math.max(1, max ?? min) };
}

/** The end (exclusive) of the escape starting at `i` (a backslash). */
function escapeEnd(pattern: string, i: number): number {
  const next = pattern[i + 1];
  if ((next === "p" || next === "P" || next === "u") && pattern[i + 2] === "{") {
    const close = pattern.indexOf("}", i);
    return close < 0 ? pattern.length : close + 1;
  }
  if (next === "k" && pattern[i + 2] === "<") {
    const close = pattern.indexOf(">", i);
    return close < 0 ? pattern.length : close + 1;
  }
  if (next !== undefined && /[1-9]/.test(next)) return i + 1 + /^\d+/.exec(pattern.slice(i + 1))![0].length;
  return i + 2;
}

/** A refusal for an escape, in or out of a character class. */
function escapeRefusal(escape: string, inClass: boolean): string | undefined {
  if (/^\\[pP]\{/.test(escape)) return `a Unicode property escape (${escape})`;
  if (escape.startsWith("\\u{")) return `a code point escape (${escape})`;
  if (inClass) return undefined;
  if (escape.startsWith("\\k<")) return `a named backreference (${escape})`;
  if (/^\\[1-9]/.test(escape)) return `a backreference (${escape})`;
  return undefined;
}

/** The refusal for a group opened at `i` (`(`), or undefined when the engine runs that kind of group. */
function groupRefusal(pattern: string, i: number): string | undefined {
  if (pattern[i + 1] !== "?") return undefined;
  const kind = pattern[i + 2];
  if (kind === "=") return "a lookahead ((?=…))";
  if (kind === "!") return "a negative lookahead ((?!…))";
  if (kind !== undefined && /[a-zA-Z-]/.test(kind)) {
    const modifier = /^\(\?[a-zA-Z-]*:?/.exec(pattern.slice(i))![0];
    return `an inline modifier (${modifier}…))`;
  }
  return undefined;
}

/**
 * What the linear-time engine cannot run in `pattern`, as a phrase (`a backreference (\1)`), or undefined.
 * Assumes `pattern` already compiled with the `u` flag, so brackets and escapes are well formed.
 */
export function linearRefusal(pattern: string): string | undefined {
  const stack: Group[] = [{ copies: 1 }];
  let inClass = false;
  let i = 0;
  // `atomEnd`: after an atom (a character, escape, class or group), where a quantifier may follow.
  const afterAtom = (end: number, inner: number): string | undefined => {
    const q = quantifierAt(pattern, end);
    const copies = inner * (q?.copies ?? 1);
    const top = stack[stack.length - 1]!;
    top.copies = Math.max(top.copies, copies);
    if (q && q.copies > 1 && copies > MAX_REPETITION_COPIES) {
      return inner > 1
        ? `nested counted repetitions that unroll to ${copies} copies (more than ${MAX_REPETITION_COPIES}; ` +
          `ending in ${q.text})`
        : `a counted repetition over ${MAX_REPETITION_COPIES} (${q.text}); use + or * instead`;
    }
    i = end + (q?.text.length ?? 0);
    if (q && (pattern[i] === "?")) i++; // lazy
    return undefined;
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "\\") {
      const end = escapeEnd(pattern, i);
      const refusal = escapeRefusal(pattern.slice(i, end), inClass);
      if (refusal) return refusal;
      if (inClass) i = end;
      else {
        const quantified = afterAtom(end, 1);
        if (quantified) return quantified;
      }
      continue;
    }
    if (inClass) {
      if (c === "]") {
        inClass = false;
        const quantified = afterAtom(i + 1, 1);
        if (quantified) return quantified;
        continue;
      }
      i++;
      continue;
    }
    if (c === "[") {
      inClass = true;
      i++;
      continue;
    }
    if (c === "(") {
      const refusal = groupRefusal(pattern, i);
      if (refusal) return refusal;
      stack.push({ copies: 1 });
      i++;
      continue;
    }
    if (c === ")") {
      const group = stack.pop() ?? { copies: 1 };
      if (stack.length === 0) stack.push({ copies: 1 });
      const quantified = afterAtom(i + 1, group.copies);
      if (quantified) return quantified;
      continue;
    }
    if (c === "|" || c === "^" || c === "$") {
      i++;
      continue;
    }
    const quantified = afterAtom(i + 1, 1);
    if (quantified) return quantified;
  }
  return undefined;
}
