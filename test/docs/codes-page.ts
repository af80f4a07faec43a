/** The codes docs/codes.md documents in its "## <enum>" section: rows `| \`VALUE\` | meaning | what to do |`. */
export function documentedValues(page: string, enumName: string): string[] {
  const start = page.search(new RegExp(`^## ${enumName}\\s*$`, 'm'));
  if (start === -1) return [];
  const rest = page.slice(start).split('\n').slice(1);
  const end = rest.findIndex((line) => /^## /.test(line));
  const section = end === -1 ? rest : rest.slice(0, end);
  const row = /^\|\s*`([A-Za-z0-9_]+)`\s*\|([^|]*)\|([^|]*)\|\s*$/;
  return section.flatMap((line) => {
    const m = row.exec(line);
    // A row without a meaning or an action documents nothing.
    return m && m[2].trim() && m[3].trim() ? [m[1]] : [];
  });
}

export function undocumented(values: readonly string[], documented: readonly string[]): { missing: string[]; stale: string[] } {
  return { missing: values.filter((v) => !documented.includes(v)), stale: documented.filter((v) => !values.includes(v)) };
}
