import assert from "node:assert/strict";
import fc from "fast-check";
import { shellJoin, shellSplit } from "../../../../shared/quadlet/shell_words.ts";
import {
  escapeSystemd,
  quoteWord,
  quoteWords,
  splitWords,
  unescapeSystemd,
} from "../../../../shared/quadlet/systemd_quote.ts";

Deno.test("quoteWord() leaves plain words bare and double-quotes the rest", () => {
  assert.equal(quoteWord("--memory"), "--memory");
  assert.equal(quoteWord("A=b/c:d,e"), "A=b/c:d,e");
  assert.equal(quoteWord("two words"), '"two words"');
  assert.equal(quoteWord('say "hi"'), '"say \\"hi\\""');
  assert.equal(quoteWord("back\\slash"), '"back\\\\slash"');
  assert.equal(quoteWord("line\nbreak"), '"line\\nbreak"');
  assert.equal(quoteWord(""), '""');
  assert.equal(quoteWord("it's"), `"it's"`);
});

Deno.test("escapeSystemd() doubles % and $ and unescapeSystemd() reverses it", () => {
  assert.equal(escapeSystemd("100% $HOME"), "100%% $$HOME");
  assert.equal(unescapeSystemd("100%% $$HOME"), "100% $HOME");
  assert.equal(unescapeSystemd("%h/downloads"), "~/downloads");
});

Deno.test("splitWords() reverses quoteWords() for any words", () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: "binary" }), { maxLength: 6 }), (words) => {
      assert.deepEqual(splitWords(quoteWords(words)), words);
    }),
  );
});

Deno.test("splitWords() reads single quotes and rejects unterminated ones", () => {
  assert.deepEqual(splitWords(`a 'b c' "d e"`), ["a", "b c", "d e"]);
  assert.equal(splitWords(`a "b`), undefined);
});

Deno.test("shellSplit() splits like a POSIX shell without expansion", () => {
  assert.deepEqual(shellSplit(`python -m http.server --bind '0.0.0.0' 8000`), [
    "python",
    "-m",
    "http.server",
    "--bind",
    "0.0.0.0",
    "8000",
  ]);
  assert.deepEqual(shellSplit(`echo "a \\"b\\" c" d\\ e ''`), ["echo", 'a "b" c', "d e", ""]);
  assert.equal(shellSplit(`echo 'open`), undefined);
});

Deno.test("shellSplit() reverses shellJoin() for any words", () => {
  fc.assert(
    fc.property(fc.array(fc.string(), { maxLength: 6 }), (words) => {
      assert.deepEqual(shellSplit(shellJoin(words)), words);
    }),
  );
});
