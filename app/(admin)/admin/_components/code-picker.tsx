"use client";
import { useId, useState } from "react";

export interface PickOption {
  code: string;
  name: string;
}

const shown = (o: PickOption) => `${o.name}（${o.code}）`;

/** The code a typed text stands for: an option picked or typed in full, else the one option whose name or code holds it. */
function codeOf(text: string, options: PickOption[]): string {
  const t = text.trim();
  if (!t) return "";
  const exact = options.find((o) => shown(o) === t || o.code === t || o.name === t);
  if (exact) return exact.code;
  const some = options.filter((o) => o.name.includes(t) || o.code.includes(t));
  return some.length === 1 ? some[0]!.code : t;
}

/**
 * A searchable select (SPEC §7: orgs, items, windows and staff picked by name): the box filters
 * the names as one types; the form sends the code, so the URL keeps codes.
 */
export function CodePicker({
  name,
  label,
  options,
  defaultCode,
  className,
}: {
  name: string;
  label: string;
  options: PickOption[];
  defaultCode?: string | undefined;
  className: string;
}) {
  const list = useId();
  const initial = options.find((o) => o.code === defaultCode);
  const [text, setText] = useState(initial ? shown(initial) : (defaultCode ?? ""));
  return (
    <label className="text-sm font-medium">
      {label}
      <input
        type="search"
        list={list}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="输入名称查找"
        autoComplete="off"
        className={className}
      />
      <input type="hidden" name={name} value={codeOf(text, options)} />
      <datalist id={list}>
        {options.map((o) => (
          <option key={o.code} value={shown(o)} />
        ))}
      </datalist>
    </label>
  );
}

type Picks = Record<"orgs" | "items" | "windows" | "staff", PickOption[]>;

/** The org, item and window pickers (and staff, where the page filters by them) of a back-office filter form. */
export function PlacePickers({
  picks,
  q,
  field,
  staff = false,
}: {
  picks: Picks;
  q: Partial<Record<"org" | "item" | "window" | "staff", string>>;
  field: string;
  staff?: boolean;
}) {
  return (
    <>
      <CodePicker
        name="org"
        label="单位"
        options={picks.orgs}
        defaultCode={q.org}
        className={field}
      />
      <CodePicker
        name="item"
        label="事项"
        options={picks.items}
        defaultCode={q.item}
        className={field}
      />
      <CodePicker
        name="window"
        label="窗口"
        options={picks.windows}
        defaultCode={q.window}
        className={field}
      />
      {staff && (
        <CodePicker
          name="staff"
          label="工作人员"
          options={picks.staff}
          defaultCode={q.staff}
          className={field}
        />
      )}
    </>
  );
}
