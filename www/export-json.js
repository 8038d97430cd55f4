// The report as the JSON file Export JSON saves: exactly
// `JSON.stringify(report, null, 2)`, made in parts (file-parts.js), one
// for each item of the report's lists, so a report too large for one
// string still saves.

/** The text of `JSON.stringify(value, null, 2)`, in order, as parts: an object's lists give one part per item. */
export function* prettyJsonParts(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof value.toJSON === 'function') {
    yield JSON.stringify(value, null, 2);
    return;
  }
  let first = true;
  yield '{';
  for (const [key, field] of Object.entries(value)) {
    const head = `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (Array.isArray(field) && field.length) {
      yield `${head}[`;
      for (let i = 0; i < field.length; i++) {
        // as stringify writes it: a hole or an undefined item is null
        const item = JSON.stringify(field[i], null, 2) ?? 'null';
        yield `${i ? ',' : ''}\n    ${indent(item, '    ')}`;
      }
      yield '\n  ]';
    } else {
      const text = JSON.stringify(field, null, 2);
      if (text === undefined) continue; // stringify leaves such a key out
      yield head + indent(text, '  ');
    }
    first = false;
  }
  yield first ? '}' : '\n}';
}

/** JSON text nested deeper: no string in it holds a raw line break, so every one starts a line. */
const indent = (text, by) => text.replaceAll('\n', `\n${by}`);
