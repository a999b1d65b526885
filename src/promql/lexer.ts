// PromQL lexer over char codes, following the token rules of Prometheus 2.42 (promql/parser/lex.go):
// the same token boundaries, the same error messages at the same offsets, so that the parser can
// agree with promtool on what is valid and where the first problem is.
import { aggregators } from './operators.ts';

export type TokenKind =
  | 'EOF'
  | 'ERROR'
  | 'IDENTIFIER'
  | 'METRIC_IDENTIFIER'
  | 'NUMBER'
  | 'DURATION'
  | 'STRING'
  | 'KEYWORD'
  | 'LEFT_PAREN'
  | 'RIGHT_PAREN'
  | 'LEFT_BRACE'
  | 'RIGHT_BRACE'
  | 'LEFT_BRACKET'
  | 'RIGHT_BRACKET'
  | 'COMMA'
  | 'COLON'
  | 'EQL'
  | 'EQL_REGEX'
  | 'NEQ_REGEX'
  | 'OP'
  | 'AT';

export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /** Source text; for KEYWORD and OP the lower-cased keyword or operator; for ERROR the message. */
  readonly text: string;
}

/** Words the lexer turns into keyword tokens (case-insensitive). `inf`/`nan` become numbers. */
const keywords = new Set([
  'and',
  'or',
  'unless',
  'atan2',
  ...aggregators,
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'start',
  'end',
]);

/** Keywords that are binary operators (shown as `<op:and>` in messages). */
export const wordOperators = new Set(['and', 'or', 'unless', 'atan2']);

const C_TAB = 9;
const C_LF = 10;
const C_CR = 13;
const C_SPACE = 32;
const C_BANG = 33;
const C_DQUOTE = 34;
const C_HASH = 35;
const C_PERCENT = 37;
const C_SQUOTE = 39;
const C_LPAREN = 40;
const C_RPAREN = 41;
const C_STAR = 42;
const C_PLUS = 43;
const C_COMMA = 44;
const C_MINUS = 45;
const C_DOT = 46;
const C_SLASH = 47;
const C_0 = 48;
const C_7 = 55;
const C_9 = 57;
const C_COLON = 58;
const C_LT = 60;
const C_EQ = 61;
const C_GT = 62;
const C_AT = 64;
const C_LBRACKET = 91;
const C_BACKSLASH = 92;
const C_RBRACKET = 93;
const C_CARET = 94;
const C_UNDERSCORE = 95;
const C_BACKTICK = 96;
const C_LBRACE = 123;
const C_RBRACE = 125;
const C_TILDE = 126;
const EOF = -1;

function isSpace(c: number): boolean {
  return c === C_SPACE || c === C_TAB || c === C_LF || c === C_CR;
}
function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}
function isAlpha(c: number): boolean {
  return c === C_UNDERSCORE || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
function isAlphaNumeric(c: number): boolean {
  return isAlpha(c) || isDigit(c);
}
function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
function isDurationUnit(c: number, allowYear: boolean): boolean {
  // s m h d w y
  return c === 115 || c === 109 || c === 104 || c === 100 || c === 119 || (allowYear && c === 121);
}

/** Go's `%q` of a rune, as Prometheus's messages print single characters. */
export function quoteRune(codePoint: number): string {
  if (codePoint === C_SQUOTE) return "'\\''";
  if (codePoint === C_BACKSLASH) return "'\\\\'";
  const named: Record<number, string> = { 7: 'a', 8: 'b', 12: 'f', 10: 'n', 13: 'r', 9: 't', 11: 'v' };
  const name = named[codePoint];
  if (name !== undefined) return `'\\${name}'`;
  if (codePoint < 0x20 || codePoint === 0x7f) return `'\\x${codePoint.toString(16).padStart(2, '0')}'`;
  return `'${String.fromCodePoint(codePoint)}'`;
}

/** What Go prints for the lexer's end-of-input rune (-1) with `%q`. */
const endOfInputRune = "'\uFFFD'";

/** Go's `%#U` of a rune: `U+0063 'c'`. */
function goUnicodeRune(codePoint: number): string {
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(String.fromCodePoint(codePoint));
  return printable ? `U+${hex} '${String.fromCodePoint(codePoint)}'` : `U+${hex}`;
}

class Lexer {
  private pos = 0;
  private start = 0;
  private parenDepth = 0;
  private braceOpen = false;
  private bracketOpen = false;
  private gotColon = false;
  readonly tokens: Token[] = [];

  constructor(private readonly input: string) {}

  private code(at: number): number {
    return at < this.input.length ? this.input.charCodeAt(at) : EOF;
  }

  private emit(kind: TokenKind, text?: string): void {
    this.tokens.push({
      kind,
      start: this.start,
      end: this.pos,
      text: text ?? this.input.slice(this.start, this.pos),
    });
    this.start = this.pos;
  }

  /** Records a lexer error at the current token start; lexing stops there. */
  private fail(message: string): false {
    this.tokens.push({ kind: 'ERROR', start: this.start, end: this.input.length, text: message });
    return false;
  }

  run(): Token[] {
    while (this.step()) {
      // keep lexing
    }
    return this.tokens;
  }

  /** Lexes one token (or skips space/comments); false once EOF or an error was emitted. */
  private step(): boolean {
    if (this.braceOpen) return this.insideBraces();
    const c = this.code(this.pos);
    if (c === C_HASH) return this.lineComment();
    this.pos++;
    switch (c) {
      case EOF:
        this.pos = this.input.length;
        if (this.parenDepth !== 0) return this.fail('unclosed left parenthesis');
        if (this.bracketOpen) return this.fail('unclosed left bracket');
        this.emit('EOF', '');
        return false;
      case C_COMMA:
        this.emit('COMMA');
        return true;
      case C_STAR:
      case C_SLASH:
      case C_PERCENT:
      case C_PLUS:
      case C_MINUS:
      case C_CARET:
        this.emit('OP');
        return true;
      case C_EQ: {
        const next = this.code(this.pos);
        if (next === C_EQ) {
          this.pos++;
          this.emit('OP');
        } else if (next === C_TILDE) {
          return this.fail(`unexpected character after '=': ${quoteRune(next)}`);
        } else {
          this.emit('EQL');
        }
        return true;
      }
      case C_BANG: {
        const next = this.code(this.pos);
        if (next !== C_EQ) {
          if (next !== EOF) this.pos++;
          return this.fail(
            `unexpected character after '!': ${next === EOF ? endOfInputRune : quoteRune(this.codePointAt(this.pos - 1))}`,
          );
        }
        this.pos++;
        this.emit('OP');
        return true;
      }
      case C_LT:
      case C_GT:
        if (this.code(this.pos) === C_EQ) this.pos++;
        this.emit('OP');
        return true;
      case C_DQUOTE:
      case C_SQUOTE:
        return this.quotedString(c);
      case C_BACKTICK:
        return this.rawString();
      case C_LPAREN:
        this.emit('LEFT_PAREN');
        this.parenDepth++;
        return true;
      case C_RPAREN:
        this.emit('RIGHT_PAREN');
        this.parenDepth--;
        if (this.parenDepth < 0) {
          this.tokens.pop();
          return this.fail(`unexpected right parenthesis ')'`);
        }
        return true;
      case C_LBRACE:
        this.emit('LEFT_BRACE');
        this.braceOpen = true;
        return true;
      case C_LBRACKET:
        if (this.bracketOpen) return this.fail(`unexpected left bracket '['`);
        this.gotColon = false;
        this.emit('LEFT_BRACKET');
        while (isSpace(this.code(this.pos))) this.pos++;
        this.start = this.pos;
        this.bracketOpen = true;
        return this.duration();
      case C_RBRACKET:
        if (!this.bracketOpen) return this.fail(`unexpected right bracket ']'`);
        this.emit('RIGHT_BRACKET');
        this.bracketOpen = false;
        return true;
      case C_AT:
        this.emit('AT');
        return true;
      default:
        break;
    }
    if (isSpace(c)) {
      while (isSpace(this.code(this.pos))) this.pos++;
      this.start = this.pos;
      return true;
    }
    if (isDigit(c) || (c === C_DOT && isDigit(this.code(this.pos)))) {
      this.pos--;
      return this.numberOrDuration();
    }
    if (isAlpha(c) || c === C_COLON) {
      if (!this.bracketOpen) {
        this.pos--;
        return this.keywordOrIdentifier();
      }
      // Prometheus 2.42 treats any letter or colon inside brackets as the subquery colon.
      if (this.gotColon) return this.fail(`unexpected colon ${quoteRune(c)}`);
      this.emit('COLON');
      this.gotColon = true;
      return true;
    }
    this.pos--;
    const cp = this.codePointAt(this.pos);
    this.pos += cp > 0xffff ? 2 : 1;
    return this.fail(`unexpected character: ${quoteRune(cp)}`);
  }

  private codePointAt(at: number): number {
    return this.input.codePointAt(at) ?? EOF;
  }

  private lineComment(): boolean {
    while (this.pos < this.input.length) {
      const c = this.input.charCodeAt(this.pos);
      if (c === C_LF || c === C_CR) break;
      this.pos++;
    }
    this.start = this.pos;
    return true;
  }

  private insideBraces(): boolean {
    const c = this.code(this.pos);
    if (c === C_HASH) return this.lineComment();
    this.pos++;
    if (c === EOF) {
      this.pos = this.input.length;
      return this.fail('unexpected end of input inside braces');
    }
    if (isSpace(c)) {
      while (isSpace(this.code(this.pos))) this.pos++;
      this.start = this.pos;
      return true;
    }
    if (isAlpha(c)) {
      while (isAlphaNumeric(this.code(this.pos))) this.pos++;
      this.emit('IDENTIFIER');
      return true;
    }
    switch (c) {
      case C_COMMA:
        this.emit('COMMA');
        return true;
      case C_DQUOTE:
      case C_SQUOTE:
        return this.quotedString(c);
      case C_BACKTICK:
        return this.rawString();
      case C_EQ:
        if (this.code(this.pos) === C_TILDE) {
          this.pos++;
          this.emit('EQL_REGEX');
        } else {
          this.emit('EQL');
        }
        return true;
      case C_BANG: {
        const next = this.code(this.pos);
        if (next === C_TILDE || next === C_EQ) {
          this.pos++;
          this.emit(next === C_TILDE ? 'NEQ_REGEX' : 'OP');
          return true;
        }
        return this.fail(
          `unexpected character after '!' inside braces: ${next === EOF ? endOfInputRune : quoteRune(this.codePointAt(this.pos))}`,
        );
      }
      case C_LBRACE:
        return this.fail(`unexpected left brace '{'`);
      case C_RBRACE:
        this.emit('RIGHT_BRACE');
        this.braceOpen = false;
        return true;
      default: {
        this.pos--;
        const cp = this.codePointAt(this.pos);
        this.pos += cp > 0xffff ? 2 : 1;
        return this.fail(`unexpected character inside braces: ${quoteRune(cp)}`);
      }
    }
  }

  /** Scans the characters of a number; true when it ends where a number may end. */
  private scanNumber(): boolean {
    let hex = false;
    if (this.code(this.pos) === C_0) {
      this.pos++;
      const x = this.code(this.pos);
      if (x === 120 || x === 88) {
        this.pos++;
        hex = true;
      }
    }
    const digit = hex ? isHexDigit : isDigit;
    while (digit(this.code(this.pos))) this.pos++;
    if (this.code(this.pos) === C_DOT) {
      this.pos++;
      while (digit(this.code(this.pos))) this.pos++;
    }
    const e = this.code(this.pos);
    if (e === 101 || e === 69) {
      this.pos++;
      const sign = this.code(this.pos);
      if (sign === C_PLUS || sign === C_MINUS) this.pos++;
      while (isDigit(this.code(this.pos))) this.pos++;
    }
    return !isAlphaNumeric(this.code(this.pos));
  }

  /** After a number-looking prefix: the rest of a duration like `5m30s`. */
  private acceptRemainingDuration(): boolean {
    if (!isDurationUnit(this.code(this.pos), true)) return false;
    this.pos++;
    if (this.code(this.pos) === 115) this.pos++;
    while (isDigit(this.code(this.pos))) {
      while (isDigit(this.code(this.pos))) this.pos++;
      if (!isDurationUnit(this.code(this.pos), false)) return false;
      this.pos++;
      if (this.code(this.pos) === 115) this.pos++;
    }
    const next = this.code(this.pos);
    if (next !== EOF) this.pos++;
    if (isAlphaNumeric(next)) return false;
    if (next !== EOF) this.pos--;
    return true;
  }

  private numberOrDuration(): boolean {
    if (this.scanNumber()) {
      this.emit('NUMBER');
      return true;
    }
    if (this.acceptRemainingDuration()) {
      this.emit('DURATION');
      return true;
    }
    return this.fail(`bad number or duration syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
  }

  /** Right after `[`: a duration must follow. */
  private duration(): boolean {
    if (this.scanNumber()) return this.fail('missing unit character in duration');
    if (!this.acceptRemainingDuration()) {
      return this.fail(`bad duration syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
    }
    this.emit('DURATION');
    return true;
  }

  private keywordOrIdentifier(): boolean {
    let hasColon = false;
    for (;;) {
      const c = this.code(this.pos);
      if (isAlphaNumeric(c)) this.pos++;
      else if (c === C_COLON) {
        hasColon = true;
        this.pos++;
      } else break;
    }
    const word = this.input.slice(this.start, this.pos);
    // No keyword is longer than `count_values`: long words are names, without a lookup.
    const lower = word.length <= 12 ? word.toLowerCase() : '';
    if (lower === 'inf' || lower === 'nan') this.emit('NUMBER');
    else if (keywords.has(lower)) {
      this.tokens.push({
        kind: wordOperators.has(lower) ? 'OP' : 'KEYWORD',
        start: this.start,
        end: this.pos,
        text: lower,
      });
      this.start = this.pos;
    } else this.emit(hasColon ? 'METRIC_IDENTIFIER' : 'IDENTIFIER');
    return true;
  }

  private rawString(): boolean {
    const close = this.input.indexOf('`', this.pos);
    if (close < 0) {
      this.pos = this.input.length;
      return this.fail('unterminated raw string');
    }
    this.pos = close + 1;
    this.emit('STRING');
    return true;
  }

  private quotedString(quote: number): boolean {
    for (;;) {
      const c = this.code(this.pos);
      this.pos++;
      if (c === C_BACKSLASH) {
        if (!this.escape(quote)) return false;
      } else if (c === EOF || c === C_LF) {
        if (c === EOF) this.pos = this.input.length;
        return this.fail('unterminated quoted string');
      } else if (c === quote) {
        this.emit('STRING');
        return true;
      }
    }
  }

  /** Validates one escape sequence (the backslash is consumed), as Go's scanner does. */
  private escape(quote: number): boolean {
    let c = this.code(this.pos);
    this.pos++;
    let digits: number;
    let base: number;
    let max: number;
    switch (c) {
      case 97:
      case 98:
      case 102:
      case 110:
      case 114:
      case 116:
      case 118:
      case C_BACKSLASH:
      case quote:
        return true;
      case 120:
        c = this.code(this.pos);
        this.pos++;
        [digits, base, max] = [2, 16, 255];
        break;
      case 117:
        c = this.code(this.pos);
        this.pos++;
        [digits, base, max] = [4, 16, 0x10ffff];
        break;
      case 85:
        c = this.code(this.pos);
        this.pos++;
        [digits, base, max] = [8, 16, 0x10ffff];
        break;
      case EOF:
        return this.fail('escape sequence not terminated');
      default:
        if (c >= C_0 && c <= C_7) {
          [digits, base, max] = [3, 8, 255];
          break;
        }
        return this.fail(`unknown escape sequence ${goUnicodeRune(this.codePointAt(this.pos - 1))}`);
    }
    let value = 0;
    for (;;) {
      const d = digitValue(c);
      if (d >= base) {
        if (c === EOF) return this.fail('escape sequence not terminated');
        return this.fail(
          `illegal character ${goUnicodeRune(this.codePointAt(this.pos - 1))} in escape sequence`,
        );
      }
      value = value * base + d;
      digits--;
      if (digits === 0) break;
      c = this.code(this.pos);
      this.pos++;
    }
    if (value > max || (value >= 0xd800 && value < 0xe000)) {
      return this.fail('escape sequence is an invalid Unicode code point');
    }
    return true;
  }
}

function digitValue(c: number): number {
  if (c >= C_0 && c <= C_9) return c - C_0;
  if (c >= 97 && c <= 102) return c - 97 + 10;
  if (c >= 65 && c <= 70) return c - 65 + 10;
  return 16;
}

/** Go's `%q` for plain ASCII-ish text in messages. */
export function goQuote(text: string): string {
  return JSON.stringify(text);
}

/** Lexes the whole input; the last token is EOF or ERROR. */
export function lex(input: string): Token[] {
  return new Lexer(input).run();
}
