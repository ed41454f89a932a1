// A number in a scenario file whose text is no finite double (1e400) or
// rounds to zero although it is not (1e-400), kept as written so that a
// message can name it. Its own module: validation checks for it, and the page
// validates without shipping the JSON scanner (./json.ts) that makes it.

export class NumberText {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}
