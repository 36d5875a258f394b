/**
 * Where a JSON text first goes wrong. JSON.parse does not always say (V8 reports "Unexpected
 * token 'x', "…" is not valid JSON" without a position for some errors), so this small scanner
 * walks the grammar and returns the offset of the first character that breaks it.
 * Pure; used only to make error messages point at a line and column.
 */

class Stop {
  constructor(readonly offset: number) {}
}

export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw new Stop(i);
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      const ch = text[i]!;
      if (ch < " ") fail();
      if (ch === "\\") {
        i++;
        const esc = text[i];
        if (esc === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (esc === undefined || !'"\\/bfnrt'.includes(esc)) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) return fail();
    i += match[0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail();
      }
    } else if (ch === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    } else if (ch === '"') string();
    else if (ch === "t") literal("true");
    else if (ch === "f") literal("false");
    else if (ch === "n") literal("null");
    else number();
  };
  try {
    value();
    ws();
    return i < text.length ? i : undefined;
  } catch (stop) {
    if (stop instanceof Stop) return stop.offset;
    throw stop;
  }
}

/**
 * The offset where the value at `path` starts in a (valid) JSON text, or, when the path does
 * not exist, where its deepest existing ancestor starts. Used to give zod issues a line.
 */
export function jsonPathOffset(text: string, path: readonly PropertyKey[]): number {
  let i = 0;
  let best = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const skipString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  // Walk one value; `depth` = how much of the path it lies on.
  const value = (depth: number, onPath: boolean): void => {
    ws();
    if (onPath) best = i;
    const ch = text[i];
    if (ch === "{") {
      i++;
      ws();
      while (i < text.length && text[i] !== "}") {
        ws();
        const key = skipString();
        ws();
        i++; // :
        value(depth + 1, onPath && depth < path.length && String(path[depth]) === key);
        ws();
        if (text[i] === ",") i++;
        ws();
      }
      i++;
    } else if (ch === "[") {
      i++;
      let index = 0;
      ws();
      while (i < text.length && text[i] !== "]") {
        value(depth + 1, onPath && depth < path.length && String(path[depth]) === String(index));
        ws();
        if (text[i] === ",") i++;
        ws();
        index++;
      }
      i++;
    } else if (ch === '"') {
      skipString();
    } else {
      while (i < text.length && !",}] \t\n\r".includes(text[i]!)) i++;
    }
  };
  try {
    value(0, true);
  } catch {
    // A malformed text: the best offset so far.
  }
  return best;
}
