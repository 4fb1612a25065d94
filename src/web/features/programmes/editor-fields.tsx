import type { ReactNode } from 'react';
import type { Draft } from './editor-state.ts';
import { fieldId } from './editor-state.ts';

/** What every field of the editor needs: the draft, a way to change it, its problems. */
export interface Editor {
  draft: Draft;
  set: (path: string, value: unknown) => void;
  change: (update: (draft: Draft) => Draft) => void;
  /** The problem said for the field at `path`, if any. */
  problem: (path: string) => string | undefined;
}

interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A labelled field for one path of the file, with its hint and its problem beneath. */
export function Field({
  ed,
  path,
  label,
  hint,
  children,
}: {
  ed: Editor;
  path: string;
  label: string;
  hint?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const id = fieldId(path);
  const problem = ed.problem(path);
  const described = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(problem ? { 'aria-invalid': true as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {problem && (
        <p className="field-error" id={`${id}-problem`}>
          {problem}
        </p>
      )}
    </div>
  );
}

export function TextField({
  ed,
  path,
  label,
  value,
  hint,
  type = 'text',
  onChange,
}: {
  ed: Editor;
  path: string;
  label: string;
  value: string | undefined;
  hint?: string;
  type?: 'text' | 'date' | 'url';
  /** Instead of setting the path (an empty text: absent). */
  onChange?: (value: string) => void;
}) {
  return (
    <Field ed={ed} path={path} label={label} {...(hint ? { hint } : {})}>
      {(props) => (
        <input
          {...props}
          type={type}
          value={value ?? ''}
          onChange={(event) =>
            onChange ? onChange(event.target.value) : ed.set(path, event.target.value)
          }
        />
      )}
    </Field>
  );
}

/** A whole number; empty is absent when `optional`. */
export function NumberField({
  ed,
  path,
  label,
  value,
  hint,
  optional = false,
}: {
  ed: Editor;
  path: string;
  label: string;
  value: number | undefined;
  hint?: string;
  optional?: boolean;
}) {
  return (
    <Field ed={ed} path={path} label={label} {...(hint ? { hint } : {})}>
      {(props) => (
        <input
          {...props}
          type="number"
          inputMode="numeric"
          value={value ?? ''}
          onChange={(event) => {
            const text = event.target.value;
            ed.set(path, text === '' ? (optional ? undefined : 0) : Number(text));
          }}
        />
      )}
    </Field>
  );
}

export function SelectField<T extends string>({
  ed,
  path,
  label,
  value,
  options,
  onChange,
}: {
  ed: Editor;
  path: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange?: (value: T) => void;
}) {
  return (
    <Field ed={ed} path={path} label={label}>
      {(props) => (
        <select
          {...props}
          value={value}
          onChange={(event) => {
            const next = event.target.value as T;
            if (onChange) onChange(next);
            else ed.set(path, next);
          }}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Checkboxes for a list of choices, as one group named for its path. */
export function ChoiceGroup<T extends string>({
  ed,
  path,
  legend,
  hint,
  chosen,
  options,
  onChange,
}: {
  ed: Editor;
  path: string;
  legend: string;
  hint?: string;
  chosen: readonly T[];
  options: readonly { value: T; label: string }[];
  onChange: (next: T[]) => void;
}) {
  const id = fieldId(path);
  const problem = ed.problem(path);
  return (
    <fieldset id={id} tabIndex={-1} className="choices">
      <legend>{legend}</legend>
      {hint && <p className="hint">{hint}</p>}
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input
            type="checkbox"
            checked={chosen.includes(o.value)}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? [...chosen, o.value]
                  : chosen.filter((value) => value !== o.value),
              )
            }
          />
          {o.label}
        </label>
      ))}
      {problem && <p className="field-error">{problem}</p>}
    </fieldset>
  );
}
