/** Something in the source text or config that makes compiling impossible. */
export class CompileError extends Error {
  /** 1-based line of the source text the problem is on, when there is one. */
  readonly line: number | undefined;

  constructor(message: string, line?: number) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = "CompileError";
    this.line = line;
  }
}

/** Something odd but not fatal (e.g. a gap in the numbering); reported by the CLI. */
export interface CompileWarning {
  line?: number;
  message: string;
}
