import type { ControlA11y } from './Field';
import { valueOf } from './focus';

interface ChoiceSelectProps<T extends string> {
  a11y: ControlA11y;
  choices: readonly T[];
  value: T;
  /** The visible, translated name of a choice. */
  labelOf: (choice: T) => string;
  onChange: (choice: T) => void;
}

/** A select over a fixed list of codes (regions, roles), each shown translated. */
export function ChoiceSelect<T extends string>({ a11y, choices, value, labelOf, onChange }: ChoiceSelectProps<T>) {
  return (
    <select {...a11y} value={value} onChange={(e) => onChange(valueOf(e) as T)}>
      {choices.map((choice) => (
        <option key={choice} value={choice}>
          {labelOf(choice)}
        </option>
      ))}
    </select>
  );
}
