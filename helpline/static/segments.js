// SMS segments as the reply box shows them: the same rules as helpline/segments.py (read its docstring).
// The GSM-7 alphabet is not copied here: the page carries it as JSON rendered from helpline.segments
// (<script type="application/json" id="sms-alphabet">), so Python and the browser cannot disagree.
"use strict";

const SmsSegments = (() => {
  const SEGMENT_BITS = 1120;
  const UDH_BITS = 48;
  const SEPTET_BITS = 7;
  const UCS2_UNIT_BITS = 16;
  // Typographic punctuation that word processors and phones insert, and the GSM-7 text that says the same.
  const PLAIN = new Map([
    ["\u2018", "'"], ["\u2019", "'"], ["\u201A", "'"], ["\u201B", "'"], ["\u2032", "'"],
    ["\u201C", '"'], ["\u201D", '"'], ["\u201E", '"'], ["\u201F", '"'], ["\u2033", '"'],
    ["\u2013", "-"], ["\u2014", "-"], ["\u2012", "-"], ["\u2015", "-"], ["\u2212", "-"], ["\u2010", "-"], ["\u2011", "-"],
    ["\u2026", "..."], ["\u00A0", " "], ["\u2007", " "], ["\u202F", " "], ["\u2009", " "], ["\u200B", ""],
    ["\u2022", "-"], ["\u00B4", "'"], ["\u02BC", "'"],
  ]);

  let alphabet = null;
  function load() {
    if (alphabet) return alphabet;
    const node = document.getElementById("sms-alphabet");
    if (!node) return null;
    const data = JSON.parse(node.textContent);
    alphabet = { basic: new Set(Array.from(data.basic)), extension: new Set(Array.from(data.extension)) };
    return alphabet;
  }

  function isGsm(char) {
    return alphabet.basic.has(char) || alphabet.extension.has(char);
  }

  // {encoding, units, segments, nonGsm, characters}; null when the page has no alphabet.
  function count(text) {
    if (!load()) return null;
    const chars = Array.from(text); // code points, like iterating a Python str
    const nonGsm = [...new Set(chars.filter((c) => !isGsm(c)))];
    const encoding = nonGsm.length ? "UCS-2" : "GSM-7";
    const unitBits = nonGsm.length ? UCS2_UNIT_BITS : SEPTET_BITS;
    const costs = chars.map((c) => encoding === "GSM-7"
      ? (alphabet.extension.has(c) ? 2 : 1)
      : (c.codePointAt(0) > 0xFFFF ? 2 : 1));
    const units = costs.reduce((a, b) => a + b, 0);
    const result = { encoding, units, segments: 1, nonGsm, characters: chars.length };
    if (units * unitBits <= SEGMENT_BITS) return result;
    const capacity = Math.floor((SEGMENT_BITS - UDH_BITS) / unitBits);
    let used = 0;
    for (const cost of costs) {
      if (used + cost > capacity) { result.segments += 1; used = 0; }
      used += cost;
    }
    return result;
  }

  // The text with typographic punctuation replaced by its plain form, when that is GSM-7.
  function plain(text) {
    return Array.from(text).map((c) => (PLAIN.has(c) ? PLAIN.get(c) : c)).join("");
  }

  function replaceable(text) {
    return Array.from(text).some((c) => PLAIN.has(c));
  }

  // How a character that forces UCS-2 is shown to the counselor: visible even when it is a space.
  function describe(char) {
    const code = char.codePointAt(0);
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    if (/\s/u.test(char) || code === 0x200B) return hex;
    return `${char} (${hex})`;
  }

  return { count, plain, replaceable, describe };
})();
window.SmsSegments = SmsSegments;
