// Memoises a pure function of a string. Each analysis after an edit asks again for the same heading
// keys and comment forms of a document that barely changed; on a large KEP recomputing them (regular
// expressions over every heading and comment) would cost more than the edit. Bounded: the table is
// emptied when it is full, so texts edited away do not pile up.
export function memoizeText<T>(fn: (text: string) => T, limit = 20_000): (text: string) => T {
  const table = new Map<string, T>();
  return (text) => {
    let value = table.get(text);
    if (value === undefined) {
      if (table.size >= limit) table.clear();
      value = fn(text);
      table.set(text, value);
    }
    return value;
  };
}
