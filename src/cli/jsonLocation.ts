/**
 * Where a JSON text first goes wrong. `JSON.parse` does the parsing; this
 * scanner runs only after it failed, because Node's messages do not always
 * carry a position (and never a line).
 */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

class Fail {
  constructor(readonly offset: number, readonly message: string) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function describe(text: string, offset: number): string {
  if (offset >= text.length) return 'end of input';
  const char = text[offset];
  return char === '\n' ? 'a line break' : `"${char}"`;
}

class Scanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  run(): JsonSyntaxError | undefined {
    try {
      this.skip();
      this.value();
      this.skip();
      if (this.pos < this.text.length) this.fail('more data after the JSON value');
      return undefined;
    } catch (error) {
      if (error instanceof Fail) return { offset: error.offset, message: error.message };
      throw error;
    }
  }

  private fail(message: string): never {
    throw new Fail(this.pos, message);
  }

  private unexpected(expected: string): never {
    this.fail(`unexpected ${describe(this.text, this.pos)}, expected ${expected}`);
  }

  private skip(): void {
    while (this.pos < this.text.length && WHITESPACE.has(this.text[this.pos])) this.pos++;
  }

  private value(): void {
    const char = this.text[this.pos];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match && match[0].length > 0) {
      this.pos += match[0].length;
      return;
    }
    this.unexpected('a value');
  }

  private object(): void {
    this.members('}', () => {
      if (this.text[this.pos] !== '"') this.unexpected('a property name in double quotes');
      this.string();
      this.skip();
      if (this.text[this.pos] !== ':') this.unexpected('":"');
      this.pos++;
      this.skip();
      this.value();
    });
  }

  private array(): void {
    this.members(']', () => this.value());
  }

  /** `{…}` or `[…]`: members separated by commas, up to the closing character. */
  private members(close: '}' | ']', member: () => void): void {
    this.pos++;
    this.skip();
    if (this.text[this.pos] === close) {
      this.pos++;
      return;
    }
    for (;;) {
      this.skip();
      member();
      this.skip();
      const char = this.text[this.pos];
      if (char === ',') {
        this.pos++;
        continue;
      }
      if (char === close) {
        this.pos++;
        return;
      }
      this.unexpected(`"," or "${close}"`);
    }
  }

  private string(): void {
    this.pos++;
    while (this.pos < this.text.length) {
      const char = this.text[this.pos];
      if (char === '"') {
        this.pos++;
        return;
      }
      if (char === '\\') {
        const next = this.text[this.pos + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6)))
            this.fail('invalid \\u escape in string');
          this.pos += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          this.pos += 2;
        } else {
          this.fail('invalid escape in string');
        }
        continue;
      }
      if (char < ' ')
        this.fail(
          char === '\n'
            ? 'unterminated string (line break inside a string)'
            : 'control character in string'
        );
      this.pos++;
    }
    this.fail('unterminated string');
  }
}

/** The first syntax error of a JSON text, or undefined when it is valid. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  return new Scanner(text).run();
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
